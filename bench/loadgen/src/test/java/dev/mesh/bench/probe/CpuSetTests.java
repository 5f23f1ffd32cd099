package dev.mesh.bench.probe;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class CpuSetTests {

	@TempDir
	Path proc;

	@Test
	void addsTheBusyTimeOfTheListedCpusOnly() throws IOException {
		Path stat = this.proc.resolve("stat");
		Files.writeString(stat, """
				cpu  900 0 300 5000 10 0 20 0 0 0
				cpu0 400 0 100 2500 5 0 10 0 0 0
				cpu1 500 10 200 2500 5 3 10 2 0 0
				intr 12345
				""");
		assertThat(CpuSet.parse("1").busyMillis(stat, 100)).isEqualTo(7250.0);
		assertThat(CpuSet.parse("0-1").busyMillis(stat, 100)).isEqualTo(12350.0);
		assertThat(CpuSet.parse("0,1").size()).isEqualTo(2);
	}

}
