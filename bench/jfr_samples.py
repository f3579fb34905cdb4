"""The execution samples of a JFR recording as call stacks, for bench/jfr-top.py and bench/jfr-tree.py."""
import re
import subprocess

_FRAME = re.compile(r"^\s+([\w$.<>/]+)\(.*line:")


def stacks(path, depth=300):
    """Yields each jdk.ExecutionSample's frames (method names), innermost first; samples without frames are skipped.

    Record with -XX:FlightRecorderOptions=stackdepth=256 or deeper: JFR keeps 64 frames by default.
    """
    text = subprocess.run(["jfr", "print", "--events", "jdk.ExecutionSample", "--stack-depth", str(depth), path],
                          capture_output=True, text=True, check=True).stdout
    for event in text.split("jdk.ExecutionSample")[1:]:
        frames = [m.group(1) for m in (_FRAME.match(line) for line in event.splitlines()) if m]
        if frames:
            yield frames
