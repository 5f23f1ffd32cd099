package dev.mesh.bench.results;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Collection;
import java.util.concurrent.TimeUnit;
import java.util.zip.DataFormatException;

import org.HdrHistogram.Histogram;

/**
 * Encoding and merging of latency histograms (microseconds). Repetitions are combined by
 * adding their histograms and reading percentiles from the sum: percentiles of separate
 * runs are never averaged, because an average of percentiles is not a percentile of
 * anything.
 */
public final class Histograms {

	/**
	 * Largest value tracked, in microseconds.
	 */
	public static final long HIGHEST_MICROS = TimeUnit.SECONDS.toMicros(120);

	private Histograms() {
	}

	/**
	 * Create an empty histogram with the range and precision every segment uses.
	 * @return a histogram of 1 µs to 120 s with three significant digits
	 */
	public static Histogram create() {
		return new Histogram(1, HIGHEST_MICROS, 3);
	}

	/**
	 * Encode a histogram as compressed base64 text (HdrHistogram's own format).
	 * @param histogram the histogram
	 * @return the text
	 */
	public static String encode(Histogram histogram) {
		ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
		int length = histogram.encodeIntoCompressedByteBuffer(buffer);
		byte[] bytes = new byte[length];
		buffer.flip();
		buffer.get(bytes);
		return Base64.getEncoder().encodeToString(bytes);
	}

	/**
	 * Decode a histogram written by {@link #encode(Histogram)}.
	 * @param text the text
	 * @return the histogram
	 * @throws IllegalArgumentException if the text is not an encoded histogram
	 */
	public static Histogram decode(String text) {
		try {
			return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(Base64.getDecoder().decode(text)), 0);
		}
		catch (DataFormatException ex) {
			throw new IllegalArgumentException("Not an encoded histogram", ex);
		}
	}

	/**
	 * Add histograms together.
	 * @param histograms the histograms
	 * @return a new histogram holding every value of every one
	 */
	public static Histogram merge(Collection<Histogram> histograms) {
		Histogram sum = create();
		histograms.forEach(sum::add);
		return sum;
	}

}
