package dev.kafkarest.server;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.kafkarest.core.access.AccessPolicy;
import dev.kafkarest.core.admin.ClusterAdmin;
import dev.kafkarest.core.access.Identity;
import dev.kafkarest.core.access.ProxyTopicGuard;
import dev.kafkarest.core.consumer.ConsumerInstanceId;
import dev.kafkarest.core.consumer.ConsumerRegistry;
import dev.kafkarest.core.consumer.PartitionFollowers;
import dev.kafkarest.core.consumer.PartitionReader;
import dev.kafkarest.core.consumer.RecordArrivals;
import dev.kafkarest.core.group.ConsumerGroupService;
import dev.kafkarest.core.metadata.MetadataService;
import dev.kafkarest.core.metadata.TopicAdmin;
import dev.kafkarest.core.nodes.NodeDirectory;
import dev.kafkarest.core.nodes.OwnedInstance;
import dev.kafkarest.core.produce.ProduceRules;
import dev.kafkarest.core.produce.ProduceService;
import dev.kafkarest.core.produce.TopicDirectory;
import dev.kafkarest.server.config.ConsumerInstanceSettings;
import dev.kafkarest.server.logging.ClientMistakeFilter;
import dev.kafkarest.server.logging.Logging;
import dev.kafkarest.server.config.HttpSettings;
import dev.kafkarest.server.console.ConsoleFeature;
import dev.kafkarest.server.config.ProxyConfig;
import dev.kafkarest.server.exchange.ExchangeFeature;
import dev.kafkarest.server.hdinsight.HdInsightApi;
import dev.kafkarest.server.health.HealthFeature;
import dev.kafkarest.server.http.Admission;
import dev.kafkarest.server.http.HttpErrors;
import dev.kafkarest.server.http.ObjectMapperProvider;
import dev.kafkarest.server.http.RequestGuardAddOn;
import dev.kafkarest.server.http.RequestThreads;
import dev.kafkarest.server.http.Responses;
import dev.kafkarest.server.quota.QuotaFeature;
import dev.kafkarest.server.metrics.MetricsFeature;
import dev.kafkarest.server.metrics.ProxyMeters;
import dev.kafkarest.server.routing.BaseUris;
import dev.kafkarest.server.nodes.NodesFeature;
import dev.kafkarest.server.stream.ForwardedBodies;
import dev.kafkarest.server.nodes.NodesSettings;
import dev.kafkarest.server.v2.RemoteInstances;
import dev.kafkarest.server.openapi.OpenApiFeature;
import dev.kafkarest.server.security.AuthenticationFeature;
import dev.kafkarest.server.tls.TlsContexts;
import dev.kafkarest.server.security.Authorization;
import dev.kafkarest.server.stream.LargeBodies;
import dev.kafkarest.server.stream.RecordStreams;
import dev.kafkarest.server.v2.V2Api;
import dev.kafkarest.server.v3.V3Api;
import dev.kafkarest.server.validation.ProduceValidation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.ssl.SSLEngineConfigurator;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running proxy: the shared Kafka clients, the core services, the Jersey application and the Grizzly
 * listener. This is the one composition root; everything is wired by constructor, and the application is
 * a list of Jersey features, one per concern. {@link #close()} shuts down gracefully: readiness turns 503,
 * stop accepting connections, let requests in flight finish (up to {@code shutdown.graceful.ms}), close the
 * consumer instances, flush and close the producer, then the Admin client and the threads.
 */
public final class ProxyServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ProxyServer.class);
  /** The longest a call for an unknown instance waits for this node to read the latest directory records. */
  private static final Duration SYNC_TIMEOUT = Duration.ofSeconds(2);
  /**
   * The longest a stream by offset waits at the end of its partition before it looks at the partition's range
   * again (three Admin requests) when no record arrived: arrivals wake it sooner, so this only bounds how late
   * it notices a deleted topic.
   */
  private static final Duration FOLLOWER_IDLE_WAIT = Duration.ofSeconds(5);

  private final Duration shutdownGrace;
  private final HealthFeature health;
  private final Producer<byte[], byte[]> producer;
  private final Admin admin;
  private final ProxyThreads threads;
  private final RecordArrivals arrivals;
  private final ConsumerRegistry consumers;
  private final MetadataService metadata;
  private final PartitionReader partitionReader;
  private final PartitionFollowers partitionFollowers;
  private final ProduceService produceService;
  private final TopicDirectory topics;
  private final Admission admission;
  private final HttpServer httpServer;
  private final @Nullable HttpServer managementServer;
  private final @Nullable URI managementUri;
  private final List<URI> listeners;
  private final ProduceRules produceRules;
  private final AccessPolicy accessPolicy;
  private final ProxyMeters meters;
  private final @Nullable NodeDirectory directory;

  private ProxyServer(ProxyConfig config) {
    Logging.routeJulToSlf4j();
    ClientMistakeFilter.install();
    config.ignoredSettings().forEach(LOG::warn);
    this.shutdownGrace = config.shutdownGrace();
    // What can still refuse the configuration (files, keys, schemas) comes before any client or thread.
    HttpSettings http = config.http();
    SSLEngineConfigurator tls = http.hasHttps() ? TlsContexts.serverEngine(config.tls()) : null;
    AuthenticationFeature authentication = new AuthenticationFeature(config.authentication());
    this.produceRules = ProduceValidation.rules(config.originals());
    this.accessPolicy = new ProxyTopicGuard(Authorization.policy(config.authorization(), Ticker.systemTicker()),
        Set.of(config.nodes().topic()));
    KafkaClients clients = new KafkaClients(config);
    this.admin = Admin.create(clients.admin());
    this.producer = new KafkaProducer<>(clients.producer());
    NodesSettings nodes = config.nodes();
    InstanceLimit instanceLimit = InstanceLimit.forThisProcess(config.consumerInstances().maxInstances(),
        (long) config.httpLimits().connectionsMax() * http.listeners().size());
    LOG.info(instanceLimit.describe());
    ConsumerInstanceSettings instances = config.consumerInstances().withMaxInstances(instanceLimit.effective());
    this.threads = new ProxyThreads(http, instances, nodes.forwardThreads());
    this.meters = ProxyMeters.create(config.operations().metrics(), config.jmx());
    Map<String, Object> consumerProperties = meters.consumerProperties(clients.consumer());
    this.arrivals = instances.wakeOnArrival()
        ? RecordArrivals.start(KafkaConsumer::new, consumerProperties, "proxy-consumer-wake")
        : RecordArrivals.disabled();
    this.consumers = new ConsumerRegistry(instances.registry(consumerProperties), KafkaConsumer::new,
        threads.consumerLanes(), threads.consumerClosers(), threads.consumerScheduler(), Ticker.systemTicker(),
        config.id(), meters.core(), arrivals);
    this.metadata = new MetadataService(admin, config.metadataTimeout());
    this.partitionReader = new PartitionReader(
        config.partitionReads().settings(meters.consumerProperties(clients.partitionReader()), config.consumerInstances().maxBackoff()),
        KafkaConsumer::new, metadata::offsets, threads.consumerLanes(), threads.consumerClosers(),
        threads.consumerScheduler(), Ticker.systemTicker(), meters.core());
    this.partitionFollowers = new PartitionFollowers(partitionReader, arrivals, config.streams().partitionsMax(),
        FOLLOWER_IDLE_WAIT, config.streams().partitionsPollMax(), threads.consumerScheduler(), Ticker.systemTicker());
    this.topics = new TopicDirectory(admin, config.metadataCacheTtl(), config.metadataTimeout(),
        Ticker.systemTicker());
    this.produceService = new ProduceService(producer, topics, threads.produceSends(), meters.core(),
        threads.produceDeadlines(), config.metadataTimeout());
    this.admission = new Admission(http, config.cors());
    ObjectMapperProvider json = new ObjectMapperProvider();
    BaseUris baseUris = BaseUris.of(http);
    String nodeId = config.id().isEmpty() ? UUID.randomUUID().toString() : config.id();
    this.directory = nodes.enabled() ? directory(nodes, nodeId, clients) : null;
    NodesFeature nodesFeature = directory == null ? null
        : new NodesFeature(nodes, nodeId, directory, threads.forwards(), new ForwardedBodies(
            config.httpLimits().writeTimeout(), nodes.forwardTimeout(), threads.responses(), threads.consumerScheduler(),
            Ticker.systemTicker()), json.mapper(), meters.nodes(() -> directory.liveNodes().size()));

    MetricsFeature metrics = meters.feature(producer, admin, consumers);
    meters.streamsByOffset(partitionFollowers::open);
    this.health = new HealthFeature(config.operations().health(), admin, producer,
        new Responses(threads.responses()));
    URI management = config.management().listener();
    QuotaFeature quotas = new QuotaFeature(config.quota());
    ResourceConfig application = new ResourceConfig()
        .register(HttpErrors.jsonBinding())
        .register(new HttpErrors(json))
        .register(new ExchangeFeature(config.operations().accessLog(), meters.http()))
        .register(admission)
        .register(authentication)
        .register(quotas)
        .register(new LargeBodies(config.responseWrites(), config.httpLimits().writeTimeout(), threads.responses(),
            threads.consumerScheduler(), Ticker.systemTicker()))
        .register(new HdInsightApi(config.hdInsightEnabled(), metadata,
            new TopicAdmin(admin, config.metadataTimeout()), produceService, produceRules.maxRecords(),
            partitionReader, accessPolicy, new Responses(threads.responses()), json.mapper()))
        .register(new OpenApiFeature())
        .property(ServerProperties.WADL_FEATURE_DISABLE, true)
        .property(ServerProperties.RESPONSE_SET_STATUS_OVER_SEND_ERROR, true);
    if (config.endpoints().v2Enabled()) {
      application.register(v2Api(config, json, baseUris,
          nodesFeature == null ? RemoteInstances.none() : nodesFeature.routing()));
    } else {
      // The v2 API brings the endpoint lists' filter; without it the lists still restrict the v3 endpoints.
      application.register(V2Api.endpointFilter(config.endpoints()));
    }
    if (config.apiV3Enabled()) {
      application.register(v3Api(config, baseUris));
    }
    if (management == null) {
      application.register(metrics).register(health);
    }
    if (config.consoleEnabled()) {
      application.register(new ConsoleFeature());
    }
    if (nodesFeature != null) {
      application.register(nodesFeature);
    }
    RequestGuardAddOn guards = new RequestGuardAddOn(config.httpLimits(), http.requestBodyMaxBytes(),
        threads.httpTimer(), quotas.bodyAdmission());
    this.httpServer = GrizzlyServer.create(http.listeners(), application, threads.httpWorkers(), tls,
        config.compression(), guards,
        RequestThreads.forProxy(authentication.authenticates() || config.authorization().authorizationEnabled()));
    this.managementServer = management == null ? null
        : GrizzlyServer.create(List.of(management), managementApplication(json, metrics, health),
            threads.httpWorkers(), null, config.compression(), guards, RequestThreads.workersOnly());
    this.listeners = start(http.listeners());
    this.managementUri = management == null ? null : startManagement(management);
    if (directory != null) {
      joinDirectory(directory, nodes);
    }
    LOG.info("Kafka REST proxy listening on {} (Kafka: {}){}", listeners, config.bootstrapServers(),
        managementUri == null ? "" : "; probes and metrics on " + managementUri);
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

  /** {@return the management listener's URI with its real port, or null when there is none} */
  public @Nullable URI managementUri() {
    return managementUri;
  }

  /** {@return the URI of every listener, in configuration order, with real ports} */
  public List<URI> listenerUris() {
    return listeners;
  }

  /** {@return the requests being served now, which a graceful shutdown waits for} */
  public int requestsInFlight() {
    return admission.inFlight();
  }

  @Override
  public void close() {
    LOG.info("Shutting down: waiting up to {} ms for {} requests in flight", shutdownGrace.toMillis(),
        admission.inFlight());
    health.stopping();
    // Streams by offset would hold the graceful shutdown to its end: they end now, with a last error event.
    partitionFollowers.close();
    try {
      httpServer.shutdown(shutdownGrace.toMillis(), TimeUnit.MILLISECONDS)
          .get(shutdownGrace.toMillis() + 1_000, TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      LOG.warn("HTTP server did not stop gracefully: {}", e.toString());
    }
    httpServer.shutdownNow();
    if (managementServer != null) {
      managementServer.shutdownNow();
    }
    consumers.close(shutdownGrace.plusSeconds(10));
    partitionReader.close();
    if (directory != null) {
      directory.close();
    }
    closeClients();
    LOG.info("Kafka REST proxy stopped");
  }

  /** {@return the node directory, whose consumer reads the whole topic without a group} */
  private NodeDirectory directory(NodesSettings nodes, String nodeId, KafkaClients clients) {
    Map<String, Object> reader = clients.consumer();
    reader.remove(ConsumerConfig.GROUP_ID_CONFIG);
    reader.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    reader.put(ConsumerConfig.CLIENT_ID_CONFIG, "kafka-rest-proxy-" + nodeId + "-nodes");
    reader.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    reader.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    NodeDirectory.Settings settings = new NodeDirectory.Settings(nodeId, nodes.topic(), nodes.heartbeatInterval(),
        nodes.failureTimeout(), nodes.maxInstances(), SYNC_TIMEOUT);
    NodeDirectory created = new NodeDirectory(settings, producer, new KafkaConsumer<>(reader), Clock.systemUTC(),
        threads.nodeDirectory(), owned -> consumers.holds(new Identity(owned.principal(), Set.of(), owned.authenticated()),
            new ConsumerInstanceId(owned.group(), owned.name())));
    consumers.onRemoval((owner, id) -> created.withdraw(OwnedInstance.of(owner, id)));
    return created;
  }

  /** Announces this node at its advertised URL (by default, the first listener's port on this host). */
  private void joinDirectory(NodeDirectory directory, NodesSettings nodes) {
    String url = nodes.advertisedUrl();
    if (url.isEmpty()) {
      URI first = listeners.get(0);
      url = first.getScheme() + "://" + hostName() + ":" + first.getPort();
    }
    try {
      directory.start(admin, url);
    } catch (IllegalStateException e) {
      close();
      throw e;
    }
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getCanonicalHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }

  private V2Api v2Api(ProxyConfig config, ObjectMapperProvider json, BaseUris baseUris,
      RemoteInstances remoteInstances) {
    return new V2Api(
        metadata,
        produceService,
        produceRules,
        consumers,
        partitionReader,
        partitionFollowers,
        accessPolicy,
        baseUris,
        new Responses(threads.responses()),
        json.mapper(),
        config.endpoints(),
        new RecordStreams(config.streams(), config.httpLimits().writeTimeout(), threads.responses(),
            threads.consumerScheduler(), Ticker.systemTicker()),
        remoteInstances,
        topics);
  }

  private V3Api v3Api(ProxyConfig config, BaseUris baseUris) {
    ClusterAdmin clusterAdmin = new ClusterAdmin(admin, config.metadataTimeout());
    return new V3Api(clusterAdmin, new ConsumerGroupService(admin, clusterAdmin, config.metadataTimeout()),
        accessPolicy, baseUris, new Responses(threads.responses()));
  }

  private List<URI> start(List<URI> configured) {
    try {
      httpServer.start();
    } catch (IOException e) {
      httpServer.shutdownNow();
      partitionFollowers.close();
      consumers.close(Duration.ofSeconds(5));
      partitionReader.close();
      if (directory != null) {
        directory.close();
      }
      closeClients();
      throw new UncheckedIOException("Cannot listen on " + configured, e);
    }
    return GrizzlyServer.boundUris(httpServer, configured);
  }

  /** The probes and the scrape alone, with the proxy's error envelope, and no authentication or access log. */
  private static ResourceConfig managementApplication(ObjectMapperProvider json, MetricsFeature metrics,
      HealthFeature health) {
    return new ResourceConfig()
        .register(HttpErrors.jsonBinding())
        .register(new HttpErrors(json))
        .register(metrics)
        .register(health)
        .property(ServerProperties.WADL_FEATURE_DISABLE, true)
        .property(ServerProperties.RESPONSE_SET_STATUS_OVER_SEND_ERROR, true);
  }

  private URI startManagement(URI management) {
    HttpServer server = Objects.requireNonNull(managementServer);
    try {
      server.start();
    } catch (IOException e) {
      server.shutdownNow();
      close();
      throw new UncheckedIOException("Cannot listen on " + management, e);
    }
    return GrizzlyServer.boundUris(server, List.of(management)).get(0);
  }

  private void closeClients() {
    arrivals.close();
    meters.close();
    producer.close(Duration.ofSeconds(10));
    admin.close(Duration.ofSeconds(5));
    threads.close();
  }
}
