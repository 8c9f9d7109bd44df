package dev.kafkarest.server.broker;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * Entry point of the child JVM that {@link EmbeddedKafka} starts: formats the storage on first use,
 * runs a combined broker and controller until SIGTERM, and exits when its parent process dies so that
 * a killed proxy never leaves a broker behind.
 *
 * <p>Arguments: the broker properties file and the parent's process id.
 */
public final class BrokerMain {
  private BrokerMain() {}

  public static void main(String[] args) throws Exception {
    Properties props = new Properties();
    try (InputStream in = Files.newInputStream(Path.of(args[0]))) {
      props.load(in);
    }
    long parentPid = Long.parseLong(args[1]);
    ProcessHandle.of(parentPid).ifPresentOrElse(
        parent -> parent.onExit().thenRun(() -> Runtime.getRuntime().halt(0)),
        () -> Runtime.getRuntime().halt(0));

    KafkaConfig config = KafkaConfig.fromProps(props, false);
    String logDir = props.getProperty("log.dirs");
    if (!Files.exists(Path.of(logDir, "meta.properties"))) {
      new Formatter()
          .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
          .setNodeId(Integer.parseInt(props.getProperty("node.id")))
          .setClusterId(Uuid.randomUuid().toString())
          .setControllerListenerName("CONTROLLER")
          .setMetadataLogDirectory(logDir)
          .addDirectory(logDir)
          .setReleaseVersion(MetadataVersion.latestProduction())
          .run();
    }
    KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.shutdown();
      server.awaitShutdown();
    }, "embedded-kafka-shutdown"));
    server.startup();
    server.awaitShutdown();
  }
}
