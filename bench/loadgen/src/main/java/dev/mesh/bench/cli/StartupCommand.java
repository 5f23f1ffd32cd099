package dev.mesh.bench.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.mesh.bench.results.Json;
import dev.mesh.bench.results.StartupSample;

/**
 * {@code startup}: launch an app, poll its endpoint every {@value #POLL_MILLIS} ms until
 * the first successful response (time to ready, measured from the launch), read what
 * Spring Boot logged about its own start, then stop the app.
 */
final class StartupCommand {

	private static final long POLL_MILLIS = 10;

	private static final Pattern STARTED = Pattern
		.compile("Started \\S+ in ([\\d.]+) seconds \\(process running for ([\\d.]+)\\)");

	private final Args args;

	StartupCommand(Args args) {
		this.args = args;
	}

	void run() throws IOException, InterruptedException {
		String variant = this.args.required("variant");
		int rep = this.args.intValue("rep", 1);
		URI url = URI.create(this.args.required("url"));
		Duration timeout = this.args.duration("timeout", Duration.ofSeconds(120));
		Path log = Path.of(this.args.required("log"));
		List<String> command = this.args.rest();
		if (command.isEmpty()) {
			throw new IllegalArgumentException("No command to start: give it after --");
		}
		HttpClient client = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(1))
			.build();
		HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(2)).GET().build();
		ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor();
		long launched = System.nanoTime();
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		Thread stopper = new Thread(() -> stop(process));
		Runtime.getRuntime().addShutdownHook(stopper);
		CompletableFuture<Long> ready = new CompletableFuture<>();
		poller.scheduleWithFixedDelay(() -> poll(client, request, process, ready), 0, POLL_MILLIS,
				TimeUnit.MILLISECONDS);
		try {
			long readyAt = ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
			double readyMillis = (readyAt - launched) / 1e6;
			stop(process);
			double[] logged = logged(log);
			Json.write(Path.of(this.args.required("out")).resolve(String.format("startup-%s-r%02d.json", variant, rep)),
					new StartupSample(variant, rep, readyMillis, logged[0], logged[1]));
			Console.say("startup of %s rep %d: ready after %.0f ms (Spring Boot: started in %.0f ms, JVM running "
					+ "for %.0f ms)", variant, rep, readyMillis, logged[0], logged[1]);
		}
		catch (TimeoutException ex) {
			throw new IllegalStateException("Not ready after " + timeout + ": see " + log, ex);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException(ex.getCause().getMessage() + ": see " + log, ex.getCause());
		}
		finally {
			poller.shutdownNow();
			stop(process);
			Runtime.getRuntime().removeShutdownHook(stopper);
		}
	}

	private static void poll(HttpClient client, HttpRequest request, Process process, CompletableFuture<Long> ready) {
		if (ready.isDone()) {
			return;
		}
		if (!process.isAlive()) {
			ready.completeExceptionally(new IllegalStateException("The app exited with " + process.exitValue()));
			return;
		}
		try {
			HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
			if (response.statusCode() == 200) {
				ready.complete(System.nanoTime());
			}
		}
		catch (IOException ex) {
			// not listening yet
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void stop(Process process) {
		if (!process.isAlive()) {
			return;
		}
		process.destroy();
		try {
			if (!process.waitFor(30, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				process.waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
	}

	private static double[] logged(Path log) throws IOException {
		Matcher matcher = STARTED.matcher(Files.readString(log, StandardCharsets.ISO_8859_1));
		if (matcher.find()) {
			return new double[] { Double.parseDouble(matcher.group(1)) * 1000,
					Double.parseDouble(matcher.group(2)) * 1000 };
		}
		return new double[] { -1, -1 };
	}

}
