package dev.mesh.bench.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WrkTests {

	@Test
	void readsThroughputAndCountsEveryKindOfError() {
		Wrk.Result result = Wrk.parse("""
				Running 5s test @ http://127.0.0.1:18200/hop
				  1 threads and 32 connections
				  Thread Stats   Avg      Stdev     Max   +/- Stdev
				    Latency     5.01ms    1.22ms  30.00ms   90.00%
				    Req/Sec     6.40k   300.00     7.00k    70.00%
				  31877 requests in 5.00s, 36.35MB read
				  Socket errors: connect 0, read 2, write 0, timeout 1
				  Non-2xx or 3xx responses: 4
				Requests/sec:   6375.40
				Transfer/sec:      7.27MB
				""");
		assertThat(result.requests()).isEqualTo(31877);
		assertThat(result.seconds()).isEqualTo(5.0);
		assertThat(result.requestsPerSecond()).isEqualTo(6375.4);
		assertThat(result.errors()).isEqualTo(7);
	}

	@Test
	void parsesDurationsWithAndWithoutUnits() {
		assertThat(Args.parseDuration("500ms").toMillis()).isEqualTo(500);
		assertThat(Args.parseDuration("5").toMillis()).isEqualTo(5000);
		assertThat(Args.parseDuration("1.5s").toMillis()).isEqualTo(1500);
		assertThat(Args.parseDuration("2m").toSeconds()).isEqualTo(120);
	}

}
