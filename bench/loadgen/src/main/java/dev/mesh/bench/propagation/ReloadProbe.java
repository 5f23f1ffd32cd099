package dev.mesh.bench.propagation;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * Requests an nginx without pause, from a few threads over keep-alive connections (one
 * request per thread every interval), and keeps every request's send and answer time with
 * the configuration generation ({@code X-Generation}) and backend ({@code X-Backend}) its
 * response names.
 */
public final class ReloadProbe implements AutoCloseable {

	/**
	 * The response header naming the configuration's generation.
	 */
	public static final String GENERATION = "X-Generation";

	/**
	 * The response header naming the backend.
	 */
	public static final String BACKEND = "X-Backend";

	/**
	 * The response header naming the configuration's split, e.g. {@code 90/10}.
	 */
	public static final String SPLIT = "X-Split";

	private final URI url;

	private final long intervalNanos;

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final List<ReloadTimeline.Sample> samples = new ArrayList<>();

	private final List<Thread> threads = new ArrayList<>();

	private volatile boolean running = true;

	/**
	 * Start probing.
	 * @param url what to request
	 * @param threads how many requests may be in flight
	 * @param interval the pause of each thread between two request starts
	 */
	public ReloadProbe(URI url, int threads, Duration interval) {
		this.url = url;
		this.intervalNanos = interval.toNanos();
		for (int i = 0; i < threads; i++) {
			Thread thread = new Thread(this::probe, "reload-probe-" + i);
			thread.setDaemon(true);
			this.threads.add(thread);
			thread.start();
		}
	}

	/**
	 * Request the URL once.
	 * @param url the URL
	 * @return the headers of the response
	 * @throws IOException when the request fails
	 * @throws InterruptedException when interrupted
	 */
	public static HttpHeaders once(URI url) throws IOException, InterruptedException {
		HttpResponse<Void> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(5)).build(), BodyHandlers.discarding());
		if (response.statusCode() != 200) {
			throw new IOException(url + " answered HTTP " + response.statusCode());
		}
		return response.headers();
	}

	/**
	 * Return the requests sent from a moment on.
	 * @param fromNanos the moment, on the {@link System#nanoTime()} clock
	 * @return a copy of those samples
	 */
	public List<ReloadTimeline.Sample> since(long fromNanos) {
		synchronized (this.samples) {
			return this.samples.stream().filter((sample) -> sample.sentNanos() >= fromNanos).toList();
		}
	}

	/**
	 * Forget the requests sent before a moment.
	 * @param beforeNanos the moment
	 */
	public void forget(long beforeNanos) {
		synchronized (this.samples) {
			this.samples.removeIf((sample) -> sample.sentNanos() < beforeNanos);
		}
	}

	private void probe() {
		HttpRequest request = HttpRequest.newBuilder(this.url).timeout(Duration.ofSeconds(5)).build();
		long next = System.nanoTime();
		while (this.running) {
			long sent = System.nanoTime();
			ReloadTimeline.Sample sample;
			try {
				HttpResponse<Void> response = this.http.send(request, BodyHandlers.discarding());
				long answered = System.nanoTime();
				boolean ok = response.statusCode() == 200;
				sample = new ReloadTimeline.Sample(sent, answered,
						response.headers().firstValue(GENERATION).orElse(null),
						response.headers().firstValue(BACKEND).orElse(null), !ok);
			}
			catch (IOException ex) {
				sample = new ReloadTimeline.Sample(sent, System.nanoTime(), null, null, true);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			synchronized (this.samples) {
				this.samples.add(sample);
			}
			next = Math.max(next + this.intervalNanos, System.nanoTime());
			LockSupport.parkNanos(next - System.nanoTime());
		}
	}

	@Override
	public void close() throws InterruptedException {
		this.running = false;
		for (Thread thread : this.threads) {
			thread.join(10_000);
		}
	}

}
