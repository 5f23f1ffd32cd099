package dev.mesh.policy.registry;

import java.util.regex.Pattern;

/**
 * Syntax of the names used in the registry. Service names are DNS-1123 labels so that the
 * same name works as a Kubernetes service and as the host of a mesh URL such as
 * {@code http://catalog/items}.
 */
public final class Names {

	/**
	 * Longest service name: a DNS label.
	 */
	public static final int MAX_SERVICE_LENGTH = 63;

	private static final Pattern SERVICE = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

	private static final Pattern LABEL_VALUE = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9._-]{0,61}[A-Za-z0-9])?");

	private static final Pattern INSTANCE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");

	private static final Pattern METADATA_KEY = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9./_-]{0,61}[A-Za-z0-9])?");

	private static final Pattern HOST = Pattern
		.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");

	private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

	private Names() {
	}

	/**
	 * Whether the given text is a valid service name (a lower-case DNS-1123 label).
	 * @param name the candidate
	 * @return whether it is valid
	 */
	public static boolean isServiceName(String name) {
		return name != null && name.length() <= MAX_SERVICE_LENGTH && SERVICE.matcher(name).matches();
	}

	/**
	 * Whether the given text is a valid label value, as used for versions and zones.
	 * @param value the candidate
	 * @return whether it is valid
	 */
	public static boolean isLabelValue(String value) {
		return value != null && LABEL_VALUE.matcher(value).matches();
	}

	/**
	 * Whether the given text is a valid instance id.
	 * @param id the candidate
	 * @return whether it is valid
	 */
	public static boolean isInstanceId(String id) {
		return id != null && INSTANCE_ID.matcher(id).matches();
	}

	/**
	 * Whether the given text is a valid metadata key.
	 * @param key the candidate
	 * @return whether it is valid
	 */
	public static boolean isMetadataKey(String key) {
		return key != null && METADATA_KEY.matcher(key).matches();
	}

	/**
	 * Whether the given text is a host name, an IPv4 address or an IPv6 literal.
	 * @param address the candidate
	 * @return whether it is valid
	 */
	public static boolean isAddress(String address) {
		if (address == null || address.isEmpty() || address.length() > 253) {
			return false;
		}
		if (address.indexOf(':') >= 0) {
			return IPV6.matcher(address).matches();
		}
		return HOST.matcher(address).matches();
	}

}
