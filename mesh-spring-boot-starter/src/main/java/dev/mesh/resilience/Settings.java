package dev.mesh.resilience;

import java.time.Duration;
import java.util.function.Function;

/**
 * Field-by-field resolution of settings: the most specific value set wins (route, then
 * destination, then the mesh-wide defaults), else a built-in default. Values an
 * application's own configuration may set out of range are brought into range here, since
 * only pushed policy is validated before it applies.
 */
final class Settings {

	private Settings() {
	}

	@SafeVarargs
	static <S, T> T first(Function<S, T> field, T fallback, S... sources) {
		for (S source : sources) {
			T value = (source != null) ? field.apply(source) : null;
			if (value != null) {
				return value;
			}
		}
		return fallback;
	}

	static Duration clamp(Duration value, Duration min, Duration max) {
		if (value == null) {
			return null;
		}
		if (value.compareTo(min) < 0) {
			return min;
		}
		return (value.compareTo(max) > 0) ? max : value;
	}

	static int clamp(int value, int min, int max) {
		return Math.max(min, Math.min(max, value));
	}

	static Duration positive(Duration value) {
		return (value != null && !value.isNegative() && !value.isZero()) ? value : null;
	}

}
