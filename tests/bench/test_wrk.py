"""wrk's report, read into figures."""

from __future__ import annotations

from bench.wrk import parse_report

REPORT = """\
Running 10s test @ http://127.0.0.1:8000/graphql
  2 threads and 16 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     1.61ms  812.05us  20.46ms   91.53%
    Req/Sec     5.02k   301.11     5.61k    72.00%
  Latency Distribution
     50%  850.00us
     75%    1.71ms
     90%    2.10ms
     99%    1.20s
  99874 requests in 10.00s, 520.49MB read
  Socket errors: connect 0, read 2, write 0, timeout 3
  Non-2xx or 3xx responses: 7
Requests/sec:   9986.12
Transfer/sec:     52.04MB
"""


def test_the_figures_of_a_report_are_read_in_milliseconds() -> None:
    result = parse_report(REPORT)

    assert result.requests == 99874
    assert result.requests_per_second == 9986.12
    assert (result.p50_ms, result.p99_ms) == (0.85, 1200.0)
    assert (result.non_2xx, result.socket_errors, result.timeouts) == (7, 5, 3)


def test_a_clean_report_has_no_errors() -> None:
    clean = REPORT.replace("  Socket errors: connect 0, read 2, write 0, timeout 3\n", "")
    clean = clean.replace("  Non-2xx or 3xx responses: 7\n", "")

    result = parse_report(clean)

    assert (result.non_2xx, result.socket_errors, result.timeouts) == (0, 0, 0)
