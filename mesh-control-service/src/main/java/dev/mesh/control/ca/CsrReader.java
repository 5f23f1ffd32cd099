package dev.mesh.control.ca;

import java.io.IOException;
import java.io.StringReader;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.Attribute;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCSException;

import dev.mesh.policy.identity.SpiffeId;

/**
 * Reads and checks a workload's PKCS#10 certificate signing request. The request proves
 * possession of the key (its signature must verify), and the key must be ECDSA P-256.
 * Names in the request are never used: the certificate carries the identity the
 * credential entitles. A request that asks for names anyway may ask only for that
 * identity; one that asks for anything else is refused rather than silently narrowed, so
 * a misconfigured workload learns about it at once.
 */
final class CsrReader {

	/**
	 * Longest PEM request accepted, in characters.
	 */
	static final int MAX_LENGTH = 16 * 1024;

	private CsrReader() {
	}

	/**
	 * Read a request and check it for an identity.
	 * @param pem the request in PEM
	 * @param entitled the identity the requester is entitled to
	 * @return the public key to certify
	 * @throws RequestRejectedException if the request is malformed, badly signed, has
	 * another key type or asks for another identity
	 */
	static SubjectPublicKeyInfo read(String pem, SpiffeId entitled) {
		PKCS10CertificationRequest request = parse(pem);
		SubjectPublicKeyInfo key = request.getSubjectPublicKeyInfo();
		checkKey(key.getAlgorithm());
		checkSignature(request);
		checkNames(request, entitled);
		return key;
	}

	private static PKCS10CertificationRequest parse(String pem) {
		if (pem.length() > MAX_LENGTH) {
			throw RequestRejectedException.badRequest("malformed-csr",
					"the CSR is longer than " + MAX_LENGTH + " characters");
		}
		try (PEMParser parser = new PEMParser(new StringReader(pem))) {
			Object object = parser.readObject();
			if (object instanceof PKCS10CertificationRequest request) {
				return request;
			}
		}
		catch (IOException | RuntimeException ex) {
			// Fall through: the message is the same for every unreadable request
		}
		throw RequestRejectedException.badRequest("malformed-csr",
				"csr must be a PKCS#10 certificate signing request in PEM (-----BEGIN CERTIFICATE REQUEST-----)");
	}

	private static void checkKey(AlgorithmIdentifier algorithm) {
		if (!X9ObjectIdentifiers.id_ecPublicKey.equals(algorithm.getAlgorithm())) {
			String name = PKCSObjectIdentifiers.rsaEncryption.equals(algorithm.getAlgorithm()) ? "RSA"
					: algorithm.getAlgorithm().getId();
			throw unsupportedKey("the CSR's key is " + name);
		}
		ASN1Encodable parameters = algorithm.getParameters();
		if (!(parameters instanceof ASN1ObjectIdentifier curve) || !SECObjectIdentifiers.secp256r1.equals(curve)) {
			throw unsupportedKey("the CSR's key is on another curve ("
					+ ((parameters instanceof ASN1ObjectIdentifier curve) ? curve.getId() : "explicit parameters")
					+ ")");
		}
	}

	private static RequestRejectedException unsupportedKey(String problem) {
		return RequestRejectedException.badRequest("unsupported-key",
				problem + ": workload keys must be ECDSA P-256 (secp256r1)");
	}

	private static void checkSignature(PKCS10CertificationRequest request) {
		boolean valid;
		try {
			// Decoded by the JDK: no BouncyCastle provider is installed
			PublicKey key = KeyFactory.getInstance("EC")
				.generatePublic(new X509EncodedKeySpec(request.getSubjectPublicKeyInfo().getEncoded()));
			valid = request.isSignatureValid(new JcaContentVerifierProviderBuilder().build(key));
		}
		catch (GeneralSecurityException | IOException | OperatorCreationException | PKCSException
				| RuntimeException ex) {
			valid = false;
		}
		if (!valid) {
			throw RequestRejectedException.badRequest("bad-signature",
					"the CSR's signature does not verify with its own key");
		}
	}

	private static void checkNames(PKCS10CertificationRequest request, SpiffeId entitled) {
		for (Attribute attribute : request.getAttributes(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest)) {
			for (ASN1Encodable value : attribute.getAttributeValues()) {
				GeneralNames names = GeneralNames.fromExtensions(Extensions.getInstance(value),
						Extension.subjectAlternativeName);
				if (names == null) {
					continue;
				}
				for (GeneralName name : names.getNames()) {
					if (name.getTagNo() != GeneralName.uniformResourceIdentifier
							|| !entitled.toString().equals(name.getName().toString())) {
						throw RequestRejectedException.forbidden("not-entitled", "the CSR asks for " + describe(name)
								+ ", but the credential entitles only " + entitled);
					}
				}
			}
		}
	}

	private static String describe(GeneralName name) {
		String value = name.getName().toString();
		String shortened = (value.length() <= 120) ? value : value.substring(0, 120) + "…";
		return switch (name.getTagNo()) {
			case GeneralName.uniformResourceIdentifier -> "URI " + shortened;
			case GeneralName.dNSName -> "DNS name " + shortened;
			case GeneralName.iPAddress -> "an IP address";
			default -> "a name of type " + name.getTagNo();
		};
	}

}
