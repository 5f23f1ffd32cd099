package dev.mesh.bench.cli;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.mesh.bench.loadgen.RequestError;
import dev.mesh.bench.results.FailedRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class FailoverCommandTests {

	private static final long KILL = 50_000_000_000L;

	@Test
	void placesEveryFailedRequestInMillisecondsAfterTheKillInTheOrderSeen() {
		List<FailedRequest> failed = FailoverCommand.relativeTo(KILL,
				List.of(new RequestError(KILL + 2_000_000, KILL + 9_500_000, "HTTP 502 ConnectException"),
						new RequestError(KILL - 3_000_000, KILL + 1_250_000, "HTTP 502 IOException: closed"),
						new RequestError(KILL - 9_000_000, KILL - 1_000_000, "HTTP 500")));
		assertThat(failed).containsExactly(new FailedRequest(-9.0, -1.0, "HTTP 500"),
				new FailedRequest(-3.0, 1.25, "HTTP 502 IOException: closed"),
				new FailedRequest(2.0, 9.5, "HTTP 502 ConnectException"));
	}

	@Test
	void refusesAKillThatWouldComeAfterTheSegment() {
		Args args = Args.parse("failover", "--url", "http://127.0.0.1:1/", "--kill-pid", "1", "--duration", "5s",
				"--kill-after", "5s", "--out", "unused");
		assertThatIllegalArgumentException().isThrownBy(() -> new FailoverCommand(args).run())
			.withMessageContaining("--kill-after");
	}

}
