package dev.mesh.identity;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

import dev.mesh.policy.identity.Pem;

/**
 * A key and the certificate issued for it.
 *
 * @param key the private key
 * @param certificate the certificate
 * @param root the root that issued it
 */
public record Issued(PrivateKey key, X509Certificate certificate, X509Certificate root) {

	/**
	 * Return a key store holding the key and certificate under the alias {@code peer},
	 * protected by an empty password.
	 * @return the key store
	 * @throws GeneralSecurityException if it cannot be built
	 * @throws IOException if it cannot be built
	 */
	public KeyStore keyStore() throws GeneralSecurityException, IOException {
		KeyStore store = KeyStore.getInstance("PKCS12");
		store.load(null, null);
		store.setKeyEntry("peer", this.key, new char[0], new X509Certificate[] { this.certificate });
		return store;
	}

	/**
	 * Write the certificate ({@code <name>.crt}), its key ({@code <name>.key}, PKCS#8)
	 * and the root ({@code root.crt}) as PEM files, for outside clients.
	 * @param directory where to write them
	 * @param name the base name
	 * @throws IOException if they cannot be written
	 */
	public void writePem(Path directory, String name) throws IOException {
		Files.writeString(directory.resolve(name + ".crt"), Pem.encodeCertificates(List.of(this.certificate)));
		Files.writeString(directory.resolve(name + ".key"), Pem.encode("PRIVATE KEY", this.key.getEncoded()));
		Files.writeString(directory.resolve("root.crt"), Pem.encodeCertificates(List.of(this.root)));
	}

}
