package dev.mesh.bench.report;

import java.util.List;

/**
 * A markdown document being written.
 */
final class Markdown {

	private final StringBuilder text = new StringBuilder();

	Markdown heading(int level, String title) {
		this.text.append("#".repeat(level)).append(' ').append(title).append("\n\n");
		return this;
	}

	Markdown paragraph(String paragraph) {
		this.text.append(paragraph).append("\n\n");
		return this;
	}

	Markdown table(List<String> header, List<List<String>> rows) {
		row(header);
		this.text.append('|');
		header.forEach((cell) -> this.text.append("---|"));
		this.text.append('\n');
		rows.forEach(this::row);
		this.text.append('\n');
		return this;
	}

	Markdown append(Markdown other) {
		this.text.append(other.text);
		return this;
	}

	private void row(List<String> cells) {
		this.text.append('|');
		cells.forEach((cell) -> this.text.append(' ').append(cell.replace("|", "\\|")).append(" |"));
		this.text.append('\n');
	}

	@Override
	public String toString() {
		return this.text.toString();
	}

}
