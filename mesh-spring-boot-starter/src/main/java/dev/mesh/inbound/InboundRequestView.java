package dev.mesh.inbound;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;

/**
 * What an {@link InboundStep} sees of a request served below WebFlux.
 */
public interface InboundRequestView {

	/**
	 * Return the request method.
	 * @return the method, upper case
	 */
	String method();

	/**
	 * Return the request path as sent, without the query.
	 * @return the raw path
	 */
	String rawPath();

	/**
	 * Return the first value of a request header.
	 * @param name the header name, in any case
	 * @return the value, {@code null} when absent
	 */
	String header(String name);

	/**
	 * Return every value of a request header.
	 * @param name the header name, in any case
	 * @return the values, empty when absent
	 */
	List<String> headers(String name);

	/**
	 * Return the client's certificate chain, when it presented one over TLS.
	 * @return the chain, {@code null} without one
	 */
	X509Certificate[] peerCertificates();

	/**
	 * Return the attributes of the request, which steps may share with later steps as web
	 * filters share exchange attributes.
	 * @return the mutable attributes
	 */
	Map<String, Object> attributes();

}
