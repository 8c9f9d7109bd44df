/** Build-time checks of the project's layering, with the fixtures that prove each check catches a violation. */
@NullMarked
package dev.kafkarest.architecture;

import org.jspecify.annotations.NullMarked;
