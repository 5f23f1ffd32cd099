package dev.mesh.authz;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spellings of {@code /admin} (denied to every caller) sent exactly as written: each must
 * get the decision of {@code /admin} (403), or a safer one (400, from the server or from
 * the mesh), and none may reach the {@code /admin} handler.
 */
final class NormalizationMatrix {

	static final List<String> ADMIN = List.of("/admin", "//admin", "/%2e%2e/admin", "/a/../admin", "/admin%2F",
			"/admin;x", "/admin/", "/ADMIN", "/./admin", "/a/%2e%2e/admin", "/a/.%2E/admin", "/%61dmin", "/a/..;/admin",
			"/admin;jsessionid=1/", "/admin%5C", "/a%2F..%2Fadmin", "/a%5C..%5Cadmin", "/admin%252F", "/admin%00",
			"/Admin/Users", "/admin//users", "/admin/users;x", "/admin/./users", "/%2Fadmin");

	private NormalizationMatrix() {
	}

	/**
	 * Send every spelling and check the answers.
	 * @param caller a caller allowed everywhere but {@code /admin}
	 * @param port the server's port
	 * @param handlers the application's handlers
	 * @return the status of each spelling
	 * @throws IOException if an exchange fails
	 */
	static Map<String, Integer> check(TlsCaller caller, int port, AuthzTestApps.Handlers handlers) throws IOException {
		assertThat(caller.raw(port, "GET", "/orders/1", Map.of()).status()).isEqualTo(200);
		int before = handlers.served("admin");
		Map<String, Integer> statuses = new LinkedHashMap<>();
		for (String path : ADMIN) {
			statuses.put(path, caller.raw(port, "GET", path, Map.of()).status());
		}
		assertThat(statuses).as("status by spelling of /admin")
			.allSatisfy((path, status) -> assertThat(status).as(path).isIn(400, 403));
		assertThat(statuses).containsEntry("/admin", 403);
		assertThat(handlers.served("admin")).as("requests that reached the /admin handler").isEqualTo(before);
		return statuses;
	}

}
