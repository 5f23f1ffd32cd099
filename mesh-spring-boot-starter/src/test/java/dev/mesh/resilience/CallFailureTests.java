package dev.mesh.resilience;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How failures are told apart, and which conditions retry them.
 */
class CallFailureTests {

	@Test
	void classifiesFailuresByTheirCauses() {
		assertThat(CallFailure.of(new UncheckedIOException(new ConnectException("refused"))))
			.isEqualTo(CallFailure.CONNECT_FAILURE);
		assertThat(CallFailure.of(new IOException("Connection reset by peer"))).isEqualTo(CallFailure.RESET);
		assertThat(CallFailure.of(new SocketTimeoutException("read timed out"))).isEqualTo(CallFailure.TIMEOUT);
		assertThat(CallFailure.of(new RuntimeException(new TimeoutException()))).isEqualTo(CallFailure.TIMEOUT);
		assertThat(CallFailure.of(new InterruptedIOException())).isEqualTo(CallFailure.CANCELLED);
		assertThat(CallFailure.of(new IllegalStateException(new InterruptedException())))
			.isEqualTo(CallFailure.CANCELLED);
		assertThat(CallFailure.of(new IllegalArgumentException("bad header"))).isEqualTo(CallFailure.OTHER);
	}

	@Test
	void retriesResetsAndTimeoutsUnder5xxAsEnvoyDoes() {
		RetryConditions any5xx = RetryConditions.of(List.of("5xx"));
		assertThat(any5xx.matches(500)).isTrue();
		assertThat(any5xx.matches(503)).isTrue();
		assertThat(any5xx.matches(429)).isFalse();
		assertThat(any5xx.matches(CallFailure.RESET)).isTrue();
		assertThat(any5xx.matches(CallFailure.TIMEOUT)).isTrue();
		assertThat(any5xx.matches(CallFailure.CONNECT_FAILURE)).isFalse();
		RetryConditions gateway = RetryConditions.of(List.of("504", "429"));
		assertThat(gateway.matches(504)).isTrue();
		assertThat(gateway.matches(502)).isFalse();
		assertThat(gateway.matches(429)).isTrue();
		assertThat(gateway.matches(CallFailure.TIMEOUT)).isTrue();
		assertThat(gateway.matches(CallFailure.RESET)).isFalse();
		assertThat(RetryConditions.DEFAULTS.matches(CallFailure.CANCELLED)).isFalse();
		assertThat(RetryConditions.DEFAULTS.matches(CallFailure.OTHER)).isFalse();
	}

}
