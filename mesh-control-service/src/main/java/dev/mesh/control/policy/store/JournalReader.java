package dev.mesh.control.policy.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a policy journal back. A damaged record after which no valid record follows is
 * the torn tail of an append that a crash interrupted: it was never acknowledged, so the
 * replay ends before it. A damaged record followed by valid ones is corruption, and the
 * journal is refused.
 */
final class JournalReader {

	private JournalReader() {
	}

	/**
	 * Read every revision in a journal.
	 * @param journal the path of the journal, for messages
	 * @param channel an open channel on the journal
	 * @return the outcome
	 * @throws IOException if the journal cannot be read
	 * @throws IllegalStateException if the journal is not a policy journal or is corrupt
	 */
	static Replay read(Path journal, FileChannel channel) throws IOException {
		long size = channel.size();
		if (size > Integer.MAX_VALUE) {
			throw new IllegalStateException("Policy journal " + journal + " is too large to read (" + size + " bytes)");
		}
		ByteBuffer data = ByteBuffer.allocate((int) size);
		while (data.hasRemaining() && channel.read(data, data.position()) >= 0) {
			// keep reading
		}
		data.flip();
		checkHeader(journal, data);
		List<StoredPolicy> revisions = new ArrayList<>();
		int offset = JournalFormat.HEADER_LENGTH;
		while (offset < data.limit()) {
			int length = JournalFormat.validPayloadLength(data, offset);
			if (length < 0) {
				if (validRecordAfter(data, offset)) {
					throw new IllegalStateException("Policy journal " + journal + " is corrupt at offset " + offset
							+ ": a damaged record is followed by valid ones; refusing to open it");
				}
				return new Replay(revisions, offset, data.limit());
			}
			ByteBuffer payload = data.slice(offset + JournalFormat.FRAME_HEADER_LENGTH, length);
			addAll(journal, offset, revisions, payload);
			offset += JournalFormat.FRAME_HEADER_LENGTH + length;
		}
		return new Replay(revisions, offset, data.limit());
	}

	private static void checkHeader(Path journal, ByteBuffer data) {
		if (data.limit() < JournalFormat.HEADER_LENGTH || data.getInt(0) != JournalFormat.MAGIC) {
			throw new IllegalStateException("File " + journal + " is not a policy journal");
		}
		int version = data.getInt(4);
		if (version != JournalFormat.VERSION) {
			throw new IllegalStateException("Policy journal " + journal + " has format version " + version
					+ ", this version reads only " + JournalFormat.VERSION);
		}
	}

	private static boolean validRecordAfter(ByteBuffer data, int offset) {
		for (int candidate = offset + 1; candidate < data.limit(); candidate++) {
			if (JournalFormat.validPayloadLength(data, candidate) > 0) {
				return true;
			}
		}
		return false;
	}

	private static void addAll(Path journal, int offset, List<StoredPolicy> revisions, ByteBuffer payload) {
		List<StoredPolicy> decoded;
		try {
			decoded = JournalFormat.decode(payload);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Policy journal " + journal + " has an unreadable record at offset "
					+ offset + ": " + ex.getMessage(), ex);
		}
		for (StoredPolicy revision : decoded) {
			long previous = (revisions.isEmpty()) ? 0 : revisions.get(revisions.size() - 1).resourceVersion();
			if (revision.resourceVersion() <= previous) {
				throw new IllegalStateException("Policy journal " + journal + " is corrupt at offset " + offset
						+ ": resourceVersion " + revision.resourceVersion() + " follows " + previous);
			}
			revisions.add(revision);
		}
	}

	/**
	 * Outcome of reading a journal.
	 *
	 * @param revisions the revisions, in resource version order
	 * @param validLength where the last complete record ends
	 * @param length the length of the file; longer than {@code validLength} when the
	 * journal has a torn tail
	 */
	record Replay(List<StoredPolicy> revisions, long validLength, long length) {

		boolean torn() {
			return this.validLength < this.length;
		}

	}

}
