package dev.mesh.bench.loadgen;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class ResponseParserTests {

	private final ResponseParser parser = new ResponseParser();

	@Test
	void completesAContentLengthResponseSplitAcrossReads() {
		String body = "x".repeat(1024);
		String response = "HTTP/1.1 200 OK\r\nContent-Length: 1024\r\nContent-Type: text/plain\r\n\r\n" + body;
		assertThat(this.parser.feed(bytes(response.substring(0, 20)))).isFalse();
		assertThat(this.parser.feed(bytes(response.substring(20, 500)))).isFalse();
		assertThat(this.parser.feed(bytes(response.substring(500)))).isTrue();
		assertThat(this.parser.status()).isEqualTo(200);
		assertThat(this.parser.bodyBytes()).isEqualTo(1024);
		assertThat(this.parser.closeAfter()).isFalse();
	}

	@Test
	void completesAChunkedResponseWithExtensionsAndTrailers() {
		String response = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
				+ "4;name=value\r\nabcd\r\n6\r\nefghij\r\n0\r\nTrailer: yes\r\n\r\n";
		ByteBuffer buffer = bytes(response);
		assertThat(this.parser.feed(buffer)).isTrue();
		assertThat(this.parser.bodyBytes()).isEqualTo(10);
		assertThat(buffer.hasRemaining()).isFalse();
	}

	@Test
	void keepsTheValueOfOneHeaderAsSentUntilTheNextResponse() {
		ResponseParser keeping = new ResponseParser(null, "X-Bench-Error");
		assertThat(keeping.feed(bytes("HTTP/1.1 502 Bad Gateway\r\nx-bench-error: ConnectException: Refused\r\n"
				+ "Content-Length: 0\r\n\r\n")))
			.isTrue();
		assertThat(keeping.status()).isEqualTo(502);
		assertThat(keeping.header()).isEqualTo("ConnectException: Refused");
		keeping.reset();
		assertThat(keeping.feed(bytes("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"))).isTrue();
		assertThat(keeping.header()).isNull();
		assertThat(this.parser.feed(bytes("HTTP/1.1 502 Bad Gateway\r\nX-Bench-Error: x\r\nContent-Length: 0\r\n\r\n")))
			.isTrue();
		assertThat(this.parser.header()).isNull();
	}

	@Test
	void leavesTheBytesOfTheNextResponseInTheBuffer() {
		ByteBuffer buffer = bytes("HTTP/1.1 204 No Content\r\n\r\nHTTP/1.1 200 OK\r\n");
		assertThat(this.parser.feed(buffer)).isTrue();
		assertThat(this.parser.status()).isEqualTo(204);
		assertThat(buffer.remaining()).isEqualTo("HTTP/1.1 200 OK\r\n".length());
	}

	@Test
	void asksToCloseWhenTheServerSaysSoOrFramesTheBodyByClosing() {
		assertThat(this.parser.feed(bytes("HTTP/1.1 503 Busy\r\nConnection: close\r\nContent-Length: 0\r\n\r\n")))
			.isTrue();
		assertThat(this.parser.closeAfter()).isTrue();
		assertThat(this.parser.status()).isEqualTo(503);
		this.parser.reset();
		assertThat(this.parser.feed(bytes("HTTP/1.0 200 OK\r\n\r\nsome body"))).isFalse();
		assertThat(this.parser.endOfStream()).isTrue();
		assertThat(this.parser.closeAfter()).isTrue();
		assertThat(this.parser.bodyBytes()).isEqualTo(9);
	}

	@Test
	void rejectsSomethingThatIsNotHttp() {
		assertThatIllegalStateException().isThrownBy(() -> this.parser.feed(bytes("SSH-2.0-OpenSSH\r\n\r\n")))
			.withMessageContaining("status line");
	}

	private static ByteBuffer bytes(String text) {
		return ByteBuffer.wrap(text.getBytes(StandardCharsets.ISO_8859_1));
	}

}
