package dev.kafkarest.server;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.kafkarest.core.access.AccessPolicy;
import dev.kafkarest.core.consumer.ConsumerRegistry;
import dev.kafkarest.core.metadata.MetadataService;
import dev.kafkarest.core.produce.ProduceRules;
import dev.kafkarest.core.produce.ProduceService;
import dev.kafkarest.core.produce.TopicDirectory;
import dev.kafkarest.server.config.HttpSettings;
import dev.kafkarest.server.config.ProxyConfig;
import dev.kafkarest.server.exchange.ExchangeFeature;
import dev.kafkarest.server.health.HealthFeature;
import dev.kafkarest.server.http.Admission;
import dev.kafkarest.server.http.HttpErrors;
import dev.kafkarest.server.http.ObjectMapperProvider;
import dev.kafkarest.server.http.RequestGuardAddOn;
import dev.kafkarest.server.http.Responses;
import dev.kafkarest.server.quota.QuotaFeature;
import dev.kafkarest.server.metrics.ProxyMeters;
import dev.kafkarest.server.v2.BaseUris;
import dev.kafkarest.server.openapi.OpenApiFeature;
import dev.kafkarest.server.security.AuthenticationFeature;
import dev.kafkarest.server.tls.TlsContexts;
import dev.kafkarest.server.security.Authorization;
import dev.kafkarest.server.v2.V2Api;
import dev.kafkarest.server.validation.ProduceValidation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.ssl.SSLEngineConfigurator;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * A running proxy: the shared Kafka clients, the core services, the Jersey application and the Grizzly
 * listener. This is the one composition root; everything is wired by constructor, and the application is
 * a list of Jersey features, one per concern.
 *
 * <p>{@link #close()} shuts down gracefully: stop accepting connections, let requests in flight finish
 * (up to {@code shutdown.graceful.ms}), close the consumer instances, flush and close the producer, then
 * the Admin client and the threads.
 */
public final class ProxyServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ProxyServer.class);

  private final Duration shutdownGrace;
  private final Producer<byte[], byte[]> producer;
  private final Admin admin;
  private final ProxyThreads threads;
  private final ConsumerRegistry consumers;
  private final Admission admission;
  private final HttpServer httpServer;
  private final List<URI> listeners;
  private final ProduceRules produceRules;
  private final AccessPolicy accessPolicy;
  private final ProxyMeters meters;

  private ProxyServer(ProxyConfig config) {
    routeJulToSlf4j();
    this.shutdownGrace = config.shutdownGrace();
    // What can still refuse the configuration (files, keys, schemas) comes before any client or thread.
    HttpSettings http = config.http();
    SSLEngineConfigurator tls = http.hasHttps() ? TlsContexts.serverEngine(config.tls()) : null;
    AuthenticationFeature authentication = new AuthenticationFeature(config.authentication());
    this.produceRules = ProduceValidation.rules(config.originals());
    this.accessPolicy = Authorization.policy(config.authorization(), Ticker.systemTicker());
    KafkaClients clients = new KafkaClients(config);
    this.admin = Admin.create(clients.admin());
    this.producer = new KafkaProducer<>(clients.producer());
    this.threads = new ProxyThreads(http, config.consumerInstances());
    this.meters = ProxyMeters.create(config.operations().metrics());
    this.consumers = new ConsumerRegistry(config.consumerInstances().registry(clients.consumer()), KafkaConsumer::new,
        threads.consumerLanes(), threads.consumerClosers(), threads.consumerScheduler(), Ticker.systemTicker(),
        config.id(), meters.core());
    this.admission = new Admission(http, config.cors());
    ObjectMapperProvider json = new ObjectMapperProvider();

    ResourceConfig application = new ResourceConfig()
        .register(HttpErrors.jsonBinding())
        .register(new HttpErrors(json))
        .register(new ExchangeFeature(config.operations().accessLog(), meters.http()))
        .register(meters.feature(producer, admin, consumers))
        .register(new HealthFeature(config.operations().health(), admin, producer, new Responses(threads.responses())))
        .register(admission)
        .register(authentication)
        .register(new QuotaFeature(config.quota()))
        .register(v2Api(config, json))
        .register(new OpenApiFeature())
        .property(ServerProperties.WADL_FEATURE_DISABLE, true)
        .property(ServerProperties.RESPONSE_SET_STATUS_OVER_SEND_ERROR, true);
    RequestGuardAddOn guards = new RequestGuardAddOn(config.httpLimits(), http.requestBodyMaxBytes(),
        threads.httpTimer());
    this.httpServer = GrizzlyServer.create(http.listeners(), application, threads.httpWorkers(), tls, guards);
    this.listeners = start(http.listeners());
    LOG.info("Kafka REST proxy listening on {} (Kafka: {})", listeners, config.bootstrapServers());
  }

  /**
   * Starts a proxy for a configured cluster ({@code bootstrap.servers} must be set).
   *
   * @throws UncheckedIOException when the listener cannot bind
   */
  public static ProxyServer start(ProxyConfig config) {
    if (config.bootstrapServers().isEmpty()) {
      throw new IllegalArgumentException("bootstrap.servers is not set");
    }
    return new ProxyServer(config);
  }

  /** {@return the URI of the first listener, with the real port when the configured one was 0} */
  public URI baseUri() {
    return listeners.get(0);
  }

  /** {@return the URI of every listener, in configuration order, with real ports} */
  public List<URI> listenerUris() {
    return listeners;
  }

  @Override
  public void close() {
    LOG.info("Shutting down: waiting up to {} ms for {} requests in flight", shutdownGrace.toMillis(),
        admission.inFlight());
    try {
      httpServer.shutdown(shutdownGrace.toMillis(), TimeUnit.MILLISECONDS)
          .get(shutdownGrace.toMillis() + 1_000, TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      LOG.warn("HTTP server did not stop gracefully: {}", e.toString());
    }
    httpServer.shutdownNow();
    consumers.close(shutdownGrace.plusSeconds(10));
    closeClients();
    LOG.info("Kafka REST proxy stopped");
  }

  private V2Api v2Api(ProxyConfig config, ObjectMapperProvider json) {
    HttpSettings http = config.http();
    TopicDirectory topics = new TopicDirectory(admin, config.metadataCacheTtl(), config.metadataTimeout(),
        Ticker.systemTicker());
    return new V2Api(
        new MetadataService(admin, config.metadataTimeout()),
        new ProduceService(producer, topics, threads.produceSends(), meters.core()),
        produceRules,
        consumers,
        accessPolicy,
        BaseUris.of(http),
        new Responses(threads.responses()),
        json.mapper(),
        topics);
  }

  private List<URI> start(List<URI> configured) {
    try {
      httpServer.start();
    } catch (IOException e) {
      httpServer.shutdownNow();
      consumers.close(Duration.ofSeconds(5));
      closeClients();
      throw new UncheckedIOException("Cannot listen on " + configured, e);
    }
    return GrizzlyServer.boundUris(httpServer, configured);
  }

  private void closeClients() {
    meters.close();
    producer.close(Duration.ofSeconds(10));
    admin.close(Duration.ofSeconds(5));
    threads.close();
  }

  /** Jersey and Grizzly log through java.util.logging; send that to SLF4J, once per JVM. */
  private static synchronized void routeJulToSlf4j() {
    if (!SLF4JBridgeHandler.isInstalled()) {
      SLF4JBridgeHandler.removeHandlersForRootLogger();
      SLF4JBridgeHandler.install();
    }
  }
}
