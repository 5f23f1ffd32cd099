package dev.mesh.bench.report;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.HdrHistogram.Histogram;

import dev.mesh.bench.results.Json;

/**
 * Writes the report of a results folder: {@code report.md}, {@code summary.md},
 * {@code propagation-summary.md}, {@code lbpick-summary.md}, {@code lb-summary.md},
 * {@code failover-summary.md}, {@code chain-summary.md}, {@code handshake-summary.md} and
 * {@code gateway-summary.md} (the parts {@code bench/README.md} embeds),
 * {@code results.json}, the merged histograms as {@code hgrm/*.hgrm} and the PNG charts.
 */
public final class ReportCommand {

	private final RunData data;

	private final HopSummary hop;

	private final AppSummary apps;

	private final Goals goals;

	private final PropagationSummary propagation;

	private final LbReport lb;

	private final ChainReport chain;

	private final HandshakeReport handshake;

	private final GatewayReport gateway;

	private ReportCommand(RunData data) {
		this.data = data;
		this.hop = new HopSummary(data.hop());
		this.apps = new AppSummary(data.memory(), data.startup());
		this.goals = new Goals(data, this.hop, this.apps);
		this.propagation = new PropagationSummary(data.propagation(), data.reloads());
		this.lb = new LbReport(data.loadBalancing());
		this.chain = new ChainReport(ChainData.load(data.directory()));
		this.handshake = new HandshakeReport(HandshakeData.load(data.directory()));
		this.gateway = new GatewayReport(GatewaySummary.load(data.directory()));
	}

	/**
	 * Write the report of a results folder into that folder.
	 * @param directory the results folder
	 */
	public static void write(Path directory) {
		ReportCommand report = new ReportCommand(RunData.load(directory));
		List<String> charts = report.charts();
		report.histograms();
		MarkdownReport markdown = new MarkdownReport(report.data, report.hop, report.apps, report.goals,
				report.propagation, report.lb, report.chain, report.handshake, report.gateway);
		writeString(directory.resolve("report.md"), markdown.full(charts));
		writeString(directory.resolve("summary.md"), markdown.summary());
		if (!report.propagation.isEmpty()) {
			writeString(directory.resolve("propagation-summary.md"), markdown.propagationSummary());
		}
		if (!report.lb.picks().isEmpty()) {
			writeString(directory.resolve("lbpick-summary.md"), markdown.lbpickSummary());
		}
		if (!report.lb.tail().isEmpty()) {
			writeString(directory.resolve("lb-summary.md"), markdown.lbSummary());
		}
		if (!report.lb.failover().isEmpty()) {
			writeString(directory.resolve("failover-summary.md"), markdown.failoverSummary());
		}
		if (!report.chain.isEmpty()) {
			writeString(directory.resolve("chain-summary.md"), markdown.chainSummary());
		}
		if (!report.handshake.isEmpty()) {
			writeString(directory.resolve("handshake-summary.md"), markdown.handshakeSummary());
		}
		if (!report.gateway.isEmpty()) {
			writeString(directory.resolve("gateway-summary.md"), markdown.gatewaySummary());
		}
		Json.write(directory.resolve("results.json"), report.json());
	}

	private List<String> charts() {
		Path directory = this.data.directory();
		List<String> files = new ArrayList<>();
		for (double rate : this.hop.rates()) {
			List<Charts.Series> series = new ArrayList<>();
			for (int i = 0; i < this.data.paths().size(); i++) {
				PathInfo path = this.data.paths().get(i);
				Histogram histogram = this.hop.histogram(path.id(), rate);
				if (histogram != null) {
					series.add(new Charts.Series(path.id() + " " + shortLabel(path), histogram, i));
				}
			}
			if (!series.isEmpty()) {
				String file = String.format("hop-latency-%.0f.png", rate);
				Charts.percentiles(directory.resolve(file), String.format(
						"hop: latency by percentile at %,.0f req/s (open loop, all repetitions merged)", rate), series);
				files.add(file);
			}
		}
		List<Charts.Bar> throughput = new ArrayList<>();
		List<Charts.Bar> cpu = new ArrayList<>();
		List<Charts.Bar> memory = new ArrayList<>();
		for (int i = 0; i < this.data.paths().size(); i++) {
			PathInfo path = this.data.paths().get(i);
			HopSummary.ClosedRow closed = this.hop.closed(path.id());
			if (closed != null) {
				throughput.add(new Charts.Bar(path.id(), closed.median(), closed.low(), closed.high(), i));
			}
			HopSummary.OpenRow open = this.hop.open(path.id(), Goals.GOAL_RATE);
			if (open != null) {
				cpu.add(new Charts.Bar(path.id(), open.cpuPerThousand(), open.cpuLow(), open.cpuHigh(), i));
				memory.add(new Charts.Bar(path.id(), open.pssKb() / 1024, Double.NaN, Double.NaN, i));
			}
		}
		if (!throughput.isEmpty()) {
			Charts.bars(directory.resolve("hop-throughput.png"),
					"hop: maximum throughput (wrk, closed loop; whiskers: range of repetitions)", "requests per second",
					throughput);
			files.add("hop-throughput.png");
		}
		if (!cpu.isEmpty()) {
			Charts.bars(directory.resolve("hop-cpu.png"),
					"hop: CPU of every process of the path per 1,000 requests at 1,000 req/s", "CPU milliseconds", cpu);
			files.add("hop-cpu.png");
			Charts.bars(directory.resolve("hop-memory.png"),
					"hop: PSS of every process of the path at 1,000 req/s (median)", "MB", memory);
			files.add("hop-memory.png");
		}
		if (this.apps.hasMemory()) {
			List<Charts.Bar> bars = new ArrayList<>();
			for (AppSummary.Metric metric : this.apps.memoryMetrics().subList(0, 3)) {
				String name = metric.name().replace(" (MB)", "");
				bars.add(new Charts.Bar(name + ", plain", metric.plain(), metric.plainLow(), metric.plainHigh(), 0));
				bars.add(new Charts.Bar(name + ", starter", metric.mesh(), metric.meshLow(), metric.meshHigh(), 1));
			}
			Charts.bars(directory.resolve("memory.png"),
					"memory: the caller without (blue) and with (orange) the starter, after load and a full GC", "MB",
					bars);
			files.add("memory.png");
		}
		List<Charts.Series> propagation = new ArrayList<>();
		for (PropagationSummary.Row row : this.propagation.rows()) {
			propagation.add(new Charts.Series(String.format("N = %,d", row.subscribers()),
					this.propagation.ackHistogram(row.subscribers()), propagation.size()));
		}
		if (!propagation.isEmpty()) {
			Charts.percentiles(directory.resolve("propagation-latency.png"),
					"propagation: policy write (2xx) to each subscriber's ACK, by percentile, all writes merged",
					propagation);
			files.add("propagation-latency.png");
		}
		files.addAll(this.lb.charts(directory));
		files.addAll(this.chain.charts(directory));
		files.addAll(this.gateway.charts(directory));
		return files;
	}

	private void histograms() {
		Path directory = this.data.directory().resolve("hgrm");
		for (double rate : this.hop.rates()) {
			for (PathInfo path : this.data.paths()) {
				Histogram histogram = this.hop.histogram(path.id(), rate);
				if (histogram == null) {
					continue;
				}
				try {
					Files.createDirectories(directory);
					try (PrintStream out = new PrintStream(
							new FileOutputStream(
									directory.resolve(String.format("hop-%s-%.0f.hgrm", path.id(), rate)).toFile()),
							false, StandardCharsets.UTF_8)) {
						histogram.outputPercentileDistribution(out, 1000.0);
					}
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			}
		}
	}

	private Map<String, Object> json() {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("machine", this.data.machine());
		json.put("run", this.data.run());
		json.put("paths", this.data.paths());
		json.put("goals", this.goals.goals());
		json.put("comparisons", this.goals.comparisons());
		json.put("differences", this.goals.differences());
		json.put("hop", this.hop.open());
		json.put("saturation", this.hop.closed());
		json.put("memory", this.apps.memoryMetrics());
		json.put("startup", this.apps.startupMetrics());
		json.put("propagation", this.propagation.rows());
		json.put("nginxReload", this.propagation.reloads());
		json.putAll(this.lb.json());
		json.putAll(this.chain.json());
		json.putAll(this.handshake.json());
		json.putAll(this.gateway.json());
		json.put("note", "Latencies in milliseconds, memory in kilobytes unless the name says MB; raw segments, "
				+ "with encoded HdrHistograms, are in raw/");
		return json;
	}

	private static String shortLabel(PathInfo path) {
		String label = path.label().split("[,:(]")[0].trim();
		return (label.length() > 30) ? label.substring(0, 29) + "…" : label;
	}

	private static void writeString(Path file, String text) {
		try {
			Files.writeString(file, text, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
