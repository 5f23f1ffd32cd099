package dev.mesh.bench.probe;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class ProcfsTests {

	@TempDir
	Path proc;

	@Test
	void readsUserPlusSystemTimeWhenTheCommandNameHasSpacesAndParentheses() throws IOException {
		Files.createDirectories(this.proc.resolve("42"));
		Files.writeString(this.proc.resolve("42/stat"),
				"42 (nginx: worker (x)) S 1 42 42 0 -1 4194624 100 0 0 0 250 50 0 0 20 0 1 0 100 1000 10\n");
		Procfs procfs = new Procfs(this.proc, 100);
		assertThat(procfs.cpuMillis(42)).isEqualTo(3000.0);
	}

	@Test
	void sumsCpuAndMemoryOverEveryProcessOfAGroup() throws IOException {
		for (int pid : new int[] { 7, 8 }) {
			Files.createDirectories(this.proc.resolve(Integer.toString(pid)));
			Files.writeString(this.proc.resolve(pid + "/stat"),
					pid + " (haproxy) S 1 7 7 0 -1 0 0 0 0 0 10 5 0 0 20 0 1 0 100 1000 10\n");
			Files.writeString(this.proc.resolve(pid + "/smaps_rollup"),
					"00400000-7ffd [rollup]\nRss:               10240 kB\nPss:                4096 kB\n"
							+ "Pss_Anon:           1024 kB\n");
		}
		Procfs procfs = new Procfs(this.proc, 100);
		ProcessGroup group = ProcessGroup.parse("sidecar-out=7+8").get(0);
		assertThat(procfs.cpuMillis(group)).isEqualTo(300.0);
		assertThat(procfs.memory(group)).isEqualTo(new Procfs.Memory(20480, 8192));
	}

	@Test
	void parsesNamedGroupsOfProcessIds() {
		assertThat(ProcessGroup.parse("caller=10,sidecar-in-1=11+12")).containsExactly(
				new ProcessGroup("caller", List.of(10L)), new ProcessGroup("sidecar-in-1", List.of(11L, 12L)));
		assertThat(ProcessGroup.parse("")).isEmpty();
	}

}
