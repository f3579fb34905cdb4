package dev.scaleshop.admin;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/** What the CLI prints for the admin API's answers. */
final class Formats {

    private Formats() {
    }

    static String shardMap(JsonObject map) {
        StringBuilder text = new StringBuilder(String.format("shard map version %d, %d shards, buckets per shard %s%n",
                map.getJsonNumber("version").longValue(), map.getInt("shards"), map.get("bucketsPerShard")));
        for (JsonValue value : map.getJsonArray("ranges")) {
            JsonObject range = value.asJsonObject();
            text.append(String.format("  buckets %4d..%-4d shard %d%n", range.getInt("fromBucket"), range.getInt("toBucket"),
                    range.getInt("shard")));
        }
        return text.toString();
    }

    static String jobs(JsonObject queues, JsonObject deadLetters) {
        StringBuilder text = new StringBuilder("job queues read at " + queues.getString("readAt"));
        if (queues.containsKey("brokerError")) {
            text.append(" - BROKER NOT ANSWERING: ").append(queues.getString("brokerError"));
        }
        text.append(System.lineSeparator());
        for (JsonValue value : queues.getJsonArray("items")) {
            JsonObject queue = value.asJsonObject();
            text.append(String.format("  %-28s depth %7d  high-water %7d  %s%n", queue.getString("queue"),
                    queue.getJsonNumber("depth").longValue(), queue.getJsonNumber("highWater").longValue(),
                    queue.getBoolean("accepting") ? "accepting" : "REFUSING (503)"));
        }
        int dead = deadLetters.getJsonArray("items").size();
        text.append("dead letters: ").append(dead)
                .append(dead > 0 ? "  (replay them: POST /api/v1/admin/jobs/dead-letters/replay)" : "").append(System.lineSeparator());
        return text.toString();
    }

    static String moveChunk(JsonObject answer, int from, int last, int shard) {
        long moved = answer.getJsonArray("moves").stream().filter(m -> m.asJsonObject().getBoolean("moved")).count();
        return String.format("[stack] buckets %d..%d -> shard %d: %d moved, %s rows, longest write fence %s ms, map version %s",
                from, last, shard, moved, answer.get("rows"), answer.get("maxFenceMillis"), answer.get("version"));
    }

    /**
     * The current connections (scur) HAProxy holds to one server, from the CSV of its runtime API's
     * {@code show stat} (the header line names the columns); -1 if that server is not in it.
     */
    static int currentSessions(String showStat, String proxy, String server) {
        String[] lines = showStat.split("\\R");
        if (lines.length == 0 || !lines[0].startsWith("# ")) {
            throw new CliException("HAProxy: unexpected answer to show stat: " + showStat.strip());
        }
        int scur = java.util.Arrays.asList(lines[0].substring(2).split(",")).indexOf("scur");
        for (String line : lines) {
            String[] fields = line.split(",", -1);
            if (fields.length > scur && fields[0].equals(proxy) && fields[1].equals(server)) {
                return Integer.parseInt(fields[scur]);
            }
        }
        return -1;
    }
}
