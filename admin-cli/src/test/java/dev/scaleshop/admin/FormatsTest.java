package dev.scaleshop.admin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import jakarta.json.JsonObject;

class FormatsTest {

    @Test
    void theShardMapIsOneLinePerRange() {
        JsonObject map = (JsonObject) AdminApi.parse("""
                {"version":3,"shards":2,"bucketsPerShard":{"0":512,"1":512},
                 "ranges":[{"fromBucket":0,"toBucket":511,"shard":0},{"fromBucket":512,"toBucket":1023,"shard":1}]}""");
        assertThat(Formats.shardMap(map)).isEqualTo(String.format("shard map version 3, 2 shards, buckets per shard {\"0\":512,\"1\":512}%n"
                + "  buckets    0..511  shard 0%n  buckets  512..1023 shard 1%n"));
    }

    @Test
    void jobQueuesShowARefusingQueueAndTheBrokersSilence() {
        JsonObject queues = (JsonObject) AdminApi.parse("""
                {"readAt":"2026-12-07T04:00:00Z","brokerError":"timeout","items":[
                 {"queue":"scaleshop.jobs.echo","depth":3,"highWater":1000,"accepting":true},
                 {"queue":"scaleshop.jobs.invoice","depth":1200,"highWater":1000,"accepting":false}]}""");
        JsonObject dead = (JsonObject) AdminApi.parse("{\"items\":[{},{}]}");
        assertThat(Formats.jobs(queues, dead)).contains("BROKER NOT ANSWERING: timeout")
                .contains("  scaleshop.jobs.echo          depth       3  high-water    1000  accepting")
                .contains("depth    1200  high-water    1000  REFUSING (503)")
                .contains("dead letters: 2  (replay them");
    }

    @Test
    void aMovedChunkCountsTheBucketsThatMoved() {
        JsonObject answer = (JsonObject) AdminApi.parse("""
                {"moves":[{"moved":true},{"moved":false},{"moved":true}],"rows":42,"maxFenceMillis":17,"version":9}""");
        assertThat(Formats.moveChunk(answer, 0, 31, 1))
                .isEqualTo("[stack] buckets 0..31 -> shard 1: 2 moved, 42 rows, longest write fence 17 ms, map version 9");
    }

    @Test
    void aProblemsDetailIsWhatTheOperatorReads() {
        assertThat(AdminApi.detail("{\"type\":\"x\",\"status\":409,\"detail\":\"bucket 3 is moving\"}")).isEqualTo("bucket 3 is moving");
        assertThat(AdminApi.detail("<html>bad gateway</html>")).isEqualTo("<html>bad gateway</html>");
    }

    @Test
    void currentSessionsComeFromTheColumnTheHeaderNames() {
        String stat = """
                # pxname,svname,qcur,qmax,scur,smax,slim
                payara,i1,0,0,3,9,
                payara,i3,0,0,0,4,
                payara,BACKEND,0,0,3,9,
                """;
        assertThat(Formats.currentSessions(stat, "payara", "i1")).isEqualTo(3);
        assertThat(Formats.currentSessions(stat, "payara", "i3")).isZero();
        assertThat(Formats.currentSessions(stat, "payara", "i2")).isEqualTo(-1);
    }
}
