package dev.kafkarest.it;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a black-box test class: constructor and method parameters of type {@link ProxyClient},
 * {@link KafkaTestClient} and {@link TestBroker} are resolved to the JVM's shared proxy and broker.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith({KafkaBrokerExtension.class, ProxyExtension.class})
public @interface ProxyTest {}
