package dev.mesh.control.policy.store;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;

import org.jspecify.annotations.Nullable;

/**
 * Binary format of the policy journal. The file starts with an eight-byte header (magic
 * and format version) followed by records, each framed as a four-byte payload length, the
 * four-byte CRC32 of the payload and the payload. A payload is either one revision or a
 * deflated batch of revisions, as written by compaction. Numbers are big-endian; strings
 * are a four-byte length and UTF-8 bytes, a {@code null} document has length -1.
 */
final class JournalFormat {

	static final int MAGIC = 0x4D504A4C;

	static final int VERSION = 1;

	static final int HEADER_LENGTH = 8;

	static final int FRAME_HEADER_LENGTH = 8;

	/**
	 * Largest payload of a record, well above the largest revision a store accepts.
	 */
	static final int MAX_PAYLOAD_LENGTH = 16 * 1024 * 1024;

	static final byte REVISION = 1;

	static final byte BATCH = 2;

	/**
	 * How much encoded revision data compaction puts in one batch before deflating it.
	 */
	static final int BATCH_LENGTH = 1024 * 1024;

	private JournalFormat() {
	}

	static ByteBuffer header() {
		return ByteBuffer.allocate(HEADER_LENGTH).putInt(MAGIC).putInt(VERSION).flip();
	}

	static ByteBuffer frame(byte[] payload) {
		if (payload.length == 0 || payload.length > MAX_PAYLOAD_LENGTH) {
			throw new IllegalArgumentException("Journal record of " + payload.length + " bytes is out of bounds");
		}
		CRC32 crc = new CRC32();
		crc.update(payload);
		return ByteBuffer.allocate(FRAME_HEADER_LENGTH + payload.length)
			.putInt(payload.length)
			.putInt((int) crc.getValue())
			.put(payload)
			.flip();
	}

	/**
	 * Return the length of the payload of a valid record at an offset, or -1 when the
	 * bytes there are not a complete record with a matching checksum.
	 * @param data the journal
	 * @param offset the offset of the record
	 * @return the payload length or -1
	 */
	static int validPayloadLength(ByteBuffer data, int offset) {
		if (data.limit() - offset < FRAME_HEADER_LENGTH + 1) {
			return -1;
		}
		int length = data.getInt(offset);
		if (length <= 0 || length > MAX_PAYLOAD_LENGTH || length > data.limit() - offset - FRAME_HEADER_LENGTH) {
			return -1;
		}
		int start = offset + FRAME_HEADER_LENGTH;
		byte type = data.get(start);
		if (type != REVISION && type != BATCH) {
			return -1;
		}
		CRC32 crc = new CRC32();
		crc.update(data.slice(start, length));
		return ((int) crc.getValue() == data.getInt(offset + 4)) ? length : -1;
	}

	static byte[] encode(StoredPolicy revision) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 + stringLength(revision.document()));
		try (DataOutputStream out = new DataOutputStream(bytes)) {
			out.writeByte(REVISION);
			writeRevision(out, revision);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return bytes.toByteArray();
	}

	/**
	 * Encode revisions as deflated batches, each one a record payload.
	 * @param revisions the revisions
	 * @param batches receives the payload of each batch
	 * @throws IOException if the receiver fails
	 */
	static void encodeBatches(List<StoredPolicy> revisions, PayloadWriter batches) throws IOException {
		ByteArrayOutputStream batch = new ByteArrayOutputStream(BATCH_LENGTH + 64 * 1024);
		int count = 0;
		for (StoredPolicy revision : revisions) {
			batch.writeBytes(encode(revision));
			count++;
			if (batch.size() >= BATCH_LENGTH) {
				batches.write(deflate(count, batch));
				count = 0;
				batch.reset();
			}
		}
		if (count > 0) {
			batches.write(deflate(count, batch));
		}
	}

	private static byte[] deflate(int count, ByteArrayOutputStream revisions) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(revisions.size() / 4 + 64);
		Deflater deflater = new Deflater(Deflater.BEST_SPEED);
		try (DataOutputStream out = new DataOutputStream(bytes)) {
			out.writeByte(BATCH);
			out.writeInt(count);
			try (DeflaterOutputStream deflated = new DeflaterOutputStream(out, deflater)) {
				revisions.writeTo(deflated);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			deflater.end();
		}
		return bytes.toByteArray();
	}

	/**
	 * Decode the payload of a record.
	 * @param payload the payload
	 * @return the revisions it holds
	 * @throws IOException if the payload is not readable
	 */
	static List<StoredPolicy> decode(ByteBuffer payload) throws IOException {
		byte[] bytes = new byte[payload.remaining()];
		payload.get(bytes);
		DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
		byte type = in.readByte();
		if (type == REVISION) {
			return List.of(readRevision(in));
		}
		if (type != BATCH) {
			throw new IOException("unknown record type " + type);
		}
		int count = in.readInt();
		if (count <= 0) {
			throw new IOException("invalid batch size " + count);
		}
		List<StoredPolicy> revisions = new ArrayList<>(Math.min(count, 4096));
		try (DataInputStream inflated = new DataInputStream(new InflaterInputStream(in))) {
			for (int i = 0; i < count; i++) {
				if (inflated.readByte() != REVISION) {
					throw new IOException("batch entry " + i + " is not a revision");
				}
				revisions.add(readRevision(inflated));
			}
		}
		return revisions;
	}

	private static void writeRevision(DataOutputStream out, StoredPolicy revision) throws IOException {
		out.writeLong(revision.resourceVersion());
		out.writeLong(revision.time().getEpochSecond());
		out.writeInt(revision.time().getNano());
		out.writeBoolean(revision.deleted());
		writeString(out, revision.key().kind());
		writeString(out, revision.key().namespace());
		writeString(out, revision.key().name());
		writeString(out, revision.author());
		writeString(out, revision.document());
	}

	private static StoredPolicy readRevision(DataInputStream in) throws IOException {
		long resourceVersion = in.readLong();
		Instant time = Instant.ofEpochSecond(in.readLong(), in.readInt());
		boolean deleted = in.readBoolean();
		String kind = readString(in);
		String namespace = readString(in);
		String name = readString(in);
		String author = readString(in);
		String document = readString(in);
		try {
			PolicyKey key = new PolicyKey(kind, namespace, name);
			return new StoredPolicy(key, document, resourceVersion, author, time, deleted);
		}
		catch (IllegalArgumentException ex) {
			throw new IOException("invalid revision at resourceVersion " + resourceVersion + ": " + ex.getMessage(),
					ex);
		}
	}

	private static void writeString(DataOutputStream out, @Nullable String value) throws IOException {
		if (value == null) {
			out.writeInt(-1);
			return;
		}
		byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
		out.writeInt(bytes.length);
		out.write(bytes);
	}

	private static @Nullable String readString(DataInputStream in) throws IOException {
		int length = in.readInt();
		if (length == -1) {
			return null;
		}
		if (length < 0 || length > MAX_PAYLOAD_LENGTH) {
			throw new IOException("invalid string length " + length);
		}
		byte[] bytes = new byte[length];
		in.readFully(bytes);
		return new String(bytes, StandardCharsets.UTF_8);
	}

	private static int stringLength(@Nullable String value) {
		return (value != null) ? value.length() : 0;
	}

	/**
	 * Receives record payloads.
	 */
	@FunctionalInterface
	interface PayloadWriter {

		void write(byte[] payload) throws IOException;

	}

}
