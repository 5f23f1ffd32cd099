package dev.mesh.bench.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

import javax.imageio.ImageIO;

import org.HdrHistogram.Histogram;

/**
 * PNG charts drawn with Java2D: latency percentile curves (HdrHistogram style, percentile
 * on a log axis of 1/(1-p)) and bar charts with the range of the repetitions.
 */
final class Charts {

	private static final int WIDTH = 1100;

	private static final int HEIGHT = 620;

	private static final int LEFT = 90;

	private static final int LEGEND = 290;

	private static final int MARGIN = 40;

	private static final int TOP = 60;

	private static final int BOTTOM = 80;

	private static final Color[] PALETTE = { new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c),
			new Color(0xd62728), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f),
			new Color(0xbcbd22), new Color(0x17becf) };

	private static final String[] PERCENTILE_LABELS = { "0%", "90%", "99%", "99.9%", "99.99%", "99.999%" };

	private Charts() {
	}

	static Color color(int index) {
		return PALETTE[index % PALETTE.length];
	}

	/**
	 * Draw latency by percentile for several targets.
	 * @param file the PNG file
	 * @param title the title
	 * @param series the histograms (microseconds)
	 */
	static void percentiles(Path file, String title, List<Series> series) {
		Canvas canvas = new Canvas(title, LEGEND);
		long count = series.stream().mapToLong((line) -> line.histogram().getTotalCount()).min().orElse(100);
		double xMax = Math.max(2, Math.min(5, Math.floor(Math.log10(Math.max(count, 100)))));
		double yMin = series.stream().mapToDouble((line) -> line.histogram().getMinValue() / 1000.0).min().orElse(0.01);
		double yMax = series.stream().mapToDouble((line) -> line.histogram().getMaxValue() / 1000.0).max().orElse(1);
		double low = Math.floor(Math.log10(Math.max(yMin, 0.001)));
		double high = Math.ceil(Math.log10(Math.max(yMax, yMin * 10)));
		Graphics2D g = canvas.graphics();
		canvas.frame("percentile", "latency (ms, log scale)");
		for (int decade = (int) low; decade < high; decade++) {
			for (int step : new int[] { 1, 2, 5 }) {
				double value = step * Math.pow(10, decade);
				int y = canvas.y(Math.log10(value), low, high);
				canvas.gridY(y, Stats.millis(value));
			}
		}
		canvas.gridY(canvas.y(high, low, high), Stats.millis(Math.pow(10, high)));
		for (int tick = 0; tick <= xMax; tick++) {
			canvas.gridX(canvas.x(tick, 0, xMax), PERCENTILE_LABELS[tick]);
		}
		int index = 0;
		for (Series entry : series) {
			Path2D.Double line = new Path2D.Double();
			for (double x = 0; x <= xMax + 1e-9; x += 0.01) {
				double percentile = 100 * (1 - Math.pow(10, -x));
				double millis = Math.max(entry.histogram().getValueAtPercentile(percentile) / 1000.0,
						Math.pow(10, low));
				double px = canvas.x(x, 0, xMax);
				double py = canvas.y(Math.log10(millis), low, high);
				if (x == 0) {
					line.moveTo(px, py);
				}
				else {
					line.lineTo(px, py);
				}
			}
			g.setColor(color(entry.colorIndex()));
			g.setStroke(new BasicStroke(2.2f));
			g.draw(line);
			canvas.legend(index, entry.colorIndex(), entry.label());
			index++;
		}
		canvas.write(file);
	}

	/**
	 * Draw one bar per target with the range of the repetitions as a whisker.
	 * @param file the PNG file
	 * @param title the title
	 * @param unit the axis label
	 * @param bars the bars
	 */
	static void bars(Path file, String title, String unit, List<Bar> bars) {
		Canvas canvas = new Canvas(title, MARGIN);
		double max = bars.stream()
			.mapToDouble((bar) -> Double.isNaN(bar.high()) ? bar.value() : bar.high())
			.max()
			.orElse(1);
		double top = niceCeiling(max * 1.1);
		canvas.frame("", unit);
		for (int i = 0; i <= 5; i++) {
			canvas.gridY(canvas.y(top * i / 5, 0, top), Stats.whole(top * i / 5));
		}
		Graphics2D g = canvas.graphics();
		double slot = (double) canvas.plotWidth() / Math.max(1, bars.size());
		for (int i = 0; i < bars.size(); i++) {
			Bar bar = bars.get(i);
			int x = (int) (LEFT + slot * i + slot * 0.2);
			int width = (int) (slot * 0.6);
			int y = canvas.y(bar.value(), 0, top);
			g.setColor(color(bar.colorIndex()));
			g.fillRect(x, y, width, HEIGHT - BOTTOM - y);
			if (!Double.isNaN(bar.low()) && !Double.isNaN(bar.high())) {
				g.setColor(Color.BLACK);
				g.setStroke(new BasicStroke(1.5f));
				int center = x + width / 2;
				int yLow = canvas.y(bar.low(), 0, top);
				int yHigh = canvas.y(bar.high(), 0, top);
				g.drawLine(center, yLow, center, yHigh);
				g.drawLine(center - 8, yLow, center + 8, yLow);
				g.drawLine(center - 8, yHigh, center + 8, yHigh);
			}
			g.setColor(Color.BLACK);
			canvas.centered(Stats.fixed(bar.value(), (bar.value() >= 100) ? 0 : 1), x + width / 2, y - 6);
			canvas.centered(bar.label(), x + width / 2, HEIGHT - BOTTOM + 20);
		}
		canvas.write(file);
	}

	private static double niceCeiling(double value) {
		if (value <= 0) {
			return 1;
		}
		double magnitude = Math.pow(10, Math.floor(Math.log10(value)));
		for (double step : new double[] { 1, 2, 2.5, 5, 10 }) {
			if (step * magnitude >= value) {
				return step * magnitude;
			}
		}
		return 10 * magnitude;
	}

	/**
	 * One line of a percentile chart.
	 *
	 * @param label the legend label
	 * @param histogram the latencies, microseconds
	 * @param colorIndex its color in the palette
	 */
	record Series(String label, Histogram histogram, int colorIndex) {

	}

	/**
	 * A bar.
	 *
	 * @param label the label under it
	 * @param value its height
	 * @param low lowest repetition, or NaN
	 * @param high highest repetition, or NaN
	 * @param colorIndex its color in the palette
	 */
	record Bar(String label, double value, double low, double high, int colorIndex) {

	}

	/**
	 * An image with a plot area, axes and a legend column on the right.
	 */
	private static final class Canvas {

		private final BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);

		private final Graphics2D graphics = this.image.createGraphics();

		private final int right;

		Canvas(String title, int right) {
			this.right = right;
			this.graphics.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
			this.graphics.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING,
					RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
			this.graphics.setColor(Color.WHITE);
			this.graphics.fillRect(0, 0, WIDTH, HEIGHT);
			this.graphics.setColor(Color.BLACK);
			this.graphics.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 17));
			this.graphics.drawString(title, LEFT, 34);
			this.graphics.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
		}

		Graphics2D graphics() {
			return this.graphics;
		}

		int plotWidth() {
			return WIDTH - LEFT - this.right;
		}

		int x(double value, double min, double max) {
			return (int) Math.round(LEFT + (value - min) / (max - min) * plotWidth());
		}

		int y(double value, double min, double max) {
			return (int) Math.round(HEIGHT - BOTTOM - (value - min) / (max - min) * (HEIGHT - TOP - BOTTOM));
		}

		void frame(String xLabel, String yLabel) {
			this.graphics.setColor(Color.BLACK);
			this.graphics.setStroke(new BasicStroke(1.2f));
			this.graphics.drawLine(LEFT, TOP, LEFT, HEIGHT - BOTTOM);
			this.graphics.drawLine(LEFT, HEIGHT - BOTTOM, WIDTH - this.right, HEIGHT - BOTTOM);
			centered(xLabel, LEFT + plotWidth() / 2, HEIGHT - 22);
			Graphics2D rotated = (Graphics2D) this.graphics.create();
			rotated.rotate(-Math.PI / 2);
			rotated.drawString(yLabel, -(TOP + (HEIGHT - TOP - BOTTOM) / 2) - 60, 24);
			rotated.dispose();
		}

		void gridY(int y, String label) {
			this.graphics.setColor(new Color(0xdddddd));
			this.graphics.setStroke(new BasicStroke(1f));
			this.graphics.drawLine(LEFT + 1, y, WIDTH - this.right, y);
			this.graphics.setColor(Color.BLACK);
			int width = this.graphics.getFontMetrics().stringWidth(label);
			this.graphics.drawString(label, LEFT - 8 - width, y + 5);
		}

		void gridX(int x, String label) {
			this.graphics.setColor(new Color(0xdddddd));
			this.graphics.setStroke(new BasicStroke(1f));
			this.graphics.drawLine(x, TOP, x, HEIGHT - BOTTOM - 1);
			this.graphics.setColor(Color.BLACK);
			centered(label, x, HEIGHT - BOTTOM + 20);
		}

		void legend(int index, int colorIndex, String label) {
			int y = TOP + 10 + index * 24;
			int x = WIDTH - this.right + 20;
			this.graphics.setColor(color(colorIndex));
			this.graphics.fillRect(x, y - 10, 22, 12);
			this.graphics.setColor(Color.BLACK);
			this.graphics.drawString(label, x + 30, y);
		}

		void centered(String text, int x, int y) {
			int width = this.graphics.getFontMetrics().stringWidth(text);
			this.graphics.drawString(text, x - width / 2, y);
		}

		void write(Path file) {
			this.graphics.dispose();
			try {
				ImageIO.write(this.image, "png", file.toFile());
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

	}

}
