package dev.mesh.bench.report;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.mesh.bench.results.HandshakeSample;
import dev.mesh.bench.results.ProcessSample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class HandshakeSummaryTests {

	private static final List<String> ORDER = List.of("nginx", "tomcat", "jdk");

	@Test
	void dividesEveryHandshakeByTheServersCpuTimeAcrossRepetitions() {
		HandshakeSummary summary = new HandshakeSummary(List.of(sample("nginx", "TLSv1.3", 1, 1000, 1000, null),
				sample("nginx", "TLSv1.3", 2, 1000, 1500, null)), ORDER);
		HandshakeSummary.Row nginx = summary.row("nginx", "TLSv1.3");
		// 2,000 handshakes in 2.5 CPU-seconds
		assertThat(nginx.perCpuSecond()).isEqualTo(800, within(1e-9));
		assertThat(nginx.low()).isEqualTo(1000 / 1.5, within(1e-9));
		assertThat(nginx.high()).isEqualTo(1000, within(1e-9));
		assertThat(nginx.serverCpuMicros()).isEqualTo(1250, within(1e-9));
		assertThat(nginx.serverCounted()).isNull();
	}

	@Test
	void comparesEachServerWithNginxPerProtocolAndPerRepetition() {
		HandshakeSummary summary = new HandshakeSummary(List.of(sample("tomcat", "TLSv1.3", 1, 200, 1000, null),
				sample("nginx", "TLSv1.3", 1, 1000, 1000, null), sample("tomcat", "TLSv1.3", 2, 300, 1000, null),
				sample("nginx", "TLSv1.3", 2, 1000, 1000, null), sample("nginx", "TLSv1.2", 1, 1200, 1000, null),
				sample("jdk", "TLSv1.2", 1, 600, 1000, null)), ORDER);
		assertThat(summary.rows()).extracting((row) -> row.target() + " " + row.protocol())
			.containsExactly("nginx TLSv1.3", "tomcat TLSv1.3", "nginx TLSv1.2", "jdk TLSv1.2");
		assertThat(summary.ratios()).hasSize(2);
		HandshakeSummary.Ratio tomcat = summary.ratios().get(0);
		assertThat(tomcat.target()).isEqualTo("tomcat");
		assertThat(tomcat.value()).isEqualTo(0.25, within(1e-9));
		assertThat(tomcat.low()).isEqualTo(0.2, within(1e-9));
		assertThat(tomcat.high()).isEqualTo(0.3, within(1e-9));
		assertThat(summary.ratios().get(1).value()).isEqualTo(0.5, within(1e-9));
	}

	@Test
	void showsWhetherTheServersOwnCountMatchesTheClients() {
		HandshakeSummary summary = new HandshakeSummary(List.of(sample("nginx", "TLSv1.3", 1, 1000, 1000, null),
				sample("tomcat-jfr", "TLSv1.3", 1, 250, 1000, 250L),
				sample("tomcat-jfr", "TLSv1.3", 2, 250, 1000, 249L)), ORDER);
		assertThat(summary.row("tomcat-jfr", "TLSv1.3").serverCounted()).isEqualTo(499);
		String markdown = new HandshakeTables(summary,
				Map.of("label.nginx", "nginx 1.22.1", "warmup.tomcat-jfr.TLSv1.3", "65 s, NOT steady (101 180 230)"))
			.section(3, false)
			.toString();
		assertThat(markdown).contains("| **tomcat-jfr** ÷ nginx | TLSv1.3 | 0.25 | 0.25–0.25 |")
			.contains("499 ⚠ differs")
			.contains("| **nginx** nginx 1.22.1 | TLSv1.3 | 1,000 |")
			.contains("tomcat-jfr TLSv1.3 65 s, NOT steady.");
	}

	private static HandshakeSample sample(String target, String protocol, int rep, long handshakes, double cpuMillis,
			Long counted) {
		return new HandshakeSample(target, protocol, rep, 0, 10, 2, handshakes, 1161,
				List.of(new ProcessSample("server", List.of(1L), cpuMillis, 1024, 1024)), 2000, counted, 0.05, 0.2);
	}

}
