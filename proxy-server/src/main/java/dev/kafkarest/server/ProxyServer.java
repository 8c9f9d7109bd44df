package dev.kafkarest.server;

import com.github.benmanes.caffeine.cache.Scheduler;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.kafkarest.core.consumer.ConsumerRegistry;
import dev.kafkarest.core.consumer.RegistrySettings;
import dev.kafkarest.core.metadata.MetadataService;
import dev.kafkarest.core.produce.ProduceRules;
import dev.kafkarest.core.produce.ProduceService;
import dev.kafkarest.core.produce.TopicDirectory;
import dev.kafkarest.server.config.ProxyConfig;
import dev.kafkarest.server.http.AdmissionFilter;
import dev.kafkarest.server.http.BodySizeLimitFilter;
import dev.kafkarest.server.http.BodylessRequestFilter;
import dev.kafkarest.server.http.TrailingSlashFilter;
import dev.kafkarest.server.http.CatchAllExceptionMapper;
import dev.kafkarest.server.http.CorsFilter;
import dev.kafkarest.server.http.JsonExceptionMapper;
import dev.kafkarest.server.http.MalformedUriGuard;
import dev.kafkarest.server.http.ObjectMapperProvider;
import dev.kafkarest.server.http.ProxyExceptionMapper;
import dev.kafkarest.server.http.Responses;
import dev.kafkarest.server.http.UpgradeHeaderAddOn;
import dev.kafkarest.server.http.WebApplicationExceptionMapper;
import dev.kafkarest.server.v2.BaseUris;
import dev.kafkarest.server.v2.V2Resources;
import dev.kafkarest.server.validation.ProduceValidation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.HttpHandlerRegistration;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.ServerConfiguration;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.threadpool.ThreadPoolConfig;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.jackson.JacksonFeature;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * A running proxy: the shared Kafka clients, the core services, the Jersey application and the Grizzly
 * listener. This is the one composition root; everything is wired by constructor.
 *
 * <p>{@link #close()} shuts down gracefully: stop accepting connections, let requests in flight finish
 * (up to {@code shutdown.graceful.ms}), flush and close the producer, then the other clients.
 */
public final class ProxyServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ProxyServer.class);

  private final ProxyConfig config;
  private final HttpServer httpServer;
  private final Producer<byte[], byte[]> producer;
  private final Admin admin;
  private final ThreadPoolExecutor responseExecutor;
  private final ThreadPoolExecutor consumerPool;
  private final ThreadPoolExecutor consumerCloser;
  private final ScheduledThreadPoolExecutor consumerTimer;
  private final ConsumerRegistry consumers;
  private final AdmissionFilter admission;
  private final URI baseUri;

  private ProxyServer(ProxyConfig config) {
    routeJulToSlf4j();
    this.config = config;
    ProduceRules produceRules = ProduceValidation.rules(config.originals());
    this.admin = Admin.create(KafkaClients.admin(config));
    this.producer = new KafkaProducer<>(KafkaClients.producer(config));
    this.responseExecutor = new ThreadPoolExecutor(config.responseThreads(), config.responseThreads(),
        0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(config.maxInflightRequests()),
        namedThreads("proxy-response-"));
    this.admission = new AdmissionFilter(config.maxInflightRequests());

    TopicDirectory topics = new TopicDirectory(admin, config.metadataCacheTtl(), config.metadataTimeout(),
        Ticker.systemTicker());
    ProduceService produce = new ProduceService(producer, topics, responseExecutor);
    MetadataService metadata = new MetadataService(admin, config.metadataTimeout());
    Responses responses = new Responses(responseExecutor);
    RegistrySettings consumerSettings = config.consumerInstances();
    this.consumerPool = new ThreadPoolExecutor(config.consumerThreads(), config.consumerThreads(),
        0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(consumerSettings.maxInstances() + 1_000),
        namedThreads("proxy-consumer-"));
    // Closing a KafkaConsumer can wait fetch.max.wait.ms for a fetch the broker holds: keep that off the lanes.
    int closerThreads = Math.max(2, config.consumerThreads() / 2);
    this.consumerCloser = new ThreadPoolExecutor(closerThreads, closerThreads, 10, TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(consumerSettings.maxInstances() + 1_000), namedThreads("proxy-consumer-closer-"));
    consumerCloser.allowCoreThreadTimeOut(true);
    this.consumerTimer = new ScheduledThreadPoolExecutor(1, namedThreads("proxy-consumer-timer-"));
    consumerTimer.setRemoveOnCancelPolicy(true);
    this.consumers = new ConsumerRegistry(consumerSettings, KafkaConsumer::new, consumerPool, consumerCloser,
        Scheduler.forScheduledExecutorService(consumerTimer), Ticker.systemTicker(), config.id());
    ObjectMapperProvider json = new ObjectMapperProvider();
    URI listener = config.listener();
    BaseUris baseUris = new BaseUris(config.advertisedListeners(), config.hostName(), listener.getPort());

    ResourceConfig application = new ResourceConfig()
        .register(JacksonFeature.withoutExceptionMappers())
        .register(json)
        .register(new ProxyExceptionMapper())
        .register(new WebApplicationExceptionMapper())
        .register(new JsonExceptionMapper())
        .register(new CatchAllExceptionMapper())
        .register(new CorsFilter(config.corsAllowedOrigins(), config.corsAllowedMethods(),
            config.corsAllowedHeaders()))
        .register(admission)
        .register(new BodylessRequestFilter())
        .register(new BodySizeLimitFilter(config.requestBodyMaxBytes()))
        .register(new TrailingSlashFilter())
        .property(ServerProperties.WADL_FEATURE_DISABLE, true)
        .property(ServerProperties.RESPONSE_SET_STATUS_OVER_SEND_ERROR, true);
    V2Resources.create(metadata, produce, produceRules, consumers, baseUris, responses, json.mapper())
        .forEach(application::register);

    this.httpServer = GrizzlyHttpServerFactory.createHttpServer(listener, application, false);
    ServerConfiguration server = httpServer.getServerConfiguration();
    HttpHandler jersey = server.getHttpHandlers().keySet().iterator().next();
    server.removeHttpHandler(jersey);
    server.addHttpHandler(new MalformedUriGuard(jersey), HttpHandlerRegistration.ROOT);
    NetworkListener network = httpServer.getListener("grizzly");
    network.registerAddOn(new UpgradeHeaderAddOn());
    // Confluent's GET .../offsets carries a JSON body; Grizzly refuses GET bodies unless told otherwise.
    server.setAllowPayloadForUndefinedHttpMethods(true);
    network.getTransport().setWorkerThreadPoolConfig(ThreadPoolConfig.defaultConfig()
        .setPoolName("proxy-http")
        .setCorePoolSize(config.httpThreads())
        .setMaxPoolSize(config.httpThreads())
        .setQueueLimit(config.maxInflightRequests()));
    try {
      httpServer.start();
    } catch (IOException e) {
      consumers.close(Duration.ofSeconds(5));
      closeClients();
      throw new UncheckedIOException("Cannot listen on " + listener, e);
    }
    this.baseUri = URI.create(listener.getScheme() + "://" + listener.getHost() + ":" + network.getPort() + "/");
    LOG.info("Kafka REST proxy listening on {} (Kafka: {})", baseUri, config.bootstrapServers());
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

  /** {@return the URI the server is bound to, with the real port when the configured one was 0} */
  public URI baseUri() {
    return baseUri;
  }

  public ProxyConfig config() {
    return config;
  }

  @Override
  public void close() {
    Duration grace = config.shutdownGrace();
    LOG.info("Shutting down: waiting up to {} ms for {} requests in flight", grace.toMillis(), admission.inFlight());
    try {
      httpServer.shutdown(grace.toMillis(), TimeUnit.MILLISECONDS).get(grace.toMillis() + 1_000, TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      LOG.warn("HTTP server did not stop gracefully: {}", e.toString());
    }
    httpServer.shutdownNow();
    consumers.close(grace.plusSeconds(10));
    closeClients();
    LOG.info("Kafka REST proxy stopped");
  }

  private void closeClients() {
    producer.close(Duration.ofSeconds(10));
    admin.close(Duration.ofSeconds(5));
    responseExecutor.shutdown();
    consumerPool.shutdown();
    consumerCloser.shutdown();
    consumerTimer.shutdownNow();
  }

  /** Jersey and Grizzly log through java.util.logging; send that to SLF4J, once per JVM. */
  private static synchronized void routeJulToSlf4j() {
    if (!SLF4JBridgeHandler.isInstalled()) {
      SLF4JBridgeHandler.removeHandlersForRootLogger();
      SLF4JBridgeHandler.install();
    }
  }

  private static ThreadFactory namedThreads(String prefix) {
    AtomicInteger counter = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, prefix + counter.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
