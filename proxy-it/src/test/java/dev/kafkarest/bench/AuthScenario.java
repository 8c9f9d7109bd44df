package dev.kafkarest.bench;

import static dev.kafkarest.bench.Report.count;
import static dev.kafkarest.bench.Report.mib;
import static dev.kafkarest.bench.Report.ms;
import static dev.kafkarest.bench.Report.pct;
import static dev.kafkarest.bench.Report.ratio;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * P1-auth: what bearer authentication and a produce quota that is never hit cost on the P1 cell binary,
 * N=100, c=16.
 *
 * <p>Two proxy processes, started here one after the other, serve the same topic: one anonymous (the
 * proxy's defaults, as the main proxy) and one with {@code authentication.method=BEARER} against a local
 * JWKS file and, unless {@code bench.auth.quota=false}, produce quotas far above what the machine can do.
 * Neither is the main proxy, so both have the same history whatever ran before. Every request to the
 * secured one carries the same token, as a real client reuses its access token. Both get the same JIT
 * warm-up, then the two cells alternate round by round (A B, B A, A B, ...), so noise from other work on the
 * machine falls on both; the target compares their rates, not either rate with anything else.
 */
final class AuthScenario {
  static final int RECORDS = 100;
  static final int CONNECTIONS = 16;
  /** Far above what a 2-core machine does at N=100 (about 4,000 requests and 70 MB of bodies per second). */
  static final long QUOTA_REQUESTS_PER_SECOND = 1_000_000;
  static final long QUOTA_BYTES_PER_SECOND = 1_000_000_000;
  static final double REQUIRED = 0.9;
  private static final String TOPIC = "bench-p1-auth";
  private static final int PARTITIONS = 3;

  private final BenchEnvironment env;
  private final BenchOptions options;
  private final Report report;

  AuthScenario(BenchEnvironment env, BenchOptions options, Report report) {
    this.env = env;
    this.options = options;
    this.report = report;
  }

  /** One measured cell and its correctness check ({@code ok} or {@code FAIL}). */
  private record Cell(LoadRun.Result result, String check) {}

  /** One side of the comparison: a proxy and the client that loads it. */
  private record Side(String label, ProxyProcess proxy, LoadRun.ClientFactory client, List<Cell> results) {
    Side(String label, ProxyProcess proxy, LoadRun.ClientFactory client) {
      this(label, proxy, client, new ArrayList<>());
    }
  }

  /** The settings of the secured proxy beyond those of the main one. */
  Map<String, String> securedSettings(BearerSetup bearer) {
    Map<String, String> settings = new LinkedHashMap<>(bearer.settings());
    if (options.authQuota()) {
      settings.put("quota.produce.requests.per.second", Long.toString(QUOTA_REQUESTS_PER_SECOND));
      settings.put("quota.produce.bytes.per.second", Long.toString(QUOTA_BYTES_PER_SECOND));
    }
    return settings;
  }

  void run() throws Exception {
    BearerSetup bearer = BearerSetup.create(options.out());
    String authorization = "Authorization: " + bearer.authorization();
    ProxyProcess anonymousProxy = env.startProxy("proxy-anon", Map.of());
    ProxyProcess secured;
    try {
      secured = env.startProxy("proxy-auth", securedSettings(bearer), authorization);
    } catch (IOException | RuntimeException e) {
      anonymousProxy.close();
      if (options.authQuota() && String.valueOf(e.getMessage()).contains("Unknown setting 'quota.")) {
        throw new IllegalStateException("This proxy build does not know the quota.* settings; measure bearer "
            + "authentication alone with -Dbench.auth.quota=false", e);
      }
      throw e;
    }
    try (anonymousProxy; secured) {
      compare(anonymousProxy, secured, authorization);
    }
  }

  private void compare(ProxyProcess anonymousProxy, ProxyProcess secured, String authorization) throws Exception {
    env.createTopic(TOPIC, PARTITIONS);
    byte[] body = Payloads.binaryProduceBody(RECORDS);
    checkRefusedWithoutToken(secured, body);

    Side anonymous = new Side("P1 proxy, anonymous", anonymousProxy,
        ProduceScenarios.produceClient(anonymousProxy, TOPIC, Payloads.BINARY_TYPE, body, RECORDS));
    Side bearerSide = new Side(options.authQuota() ? "P1-auth proxy, bearer + quota" : "P1-auth proxy, bearer",
        secured, ProduceScenarios.produceClient(secured, TOPIC, Payloads.BINARY_TYPE, body, RECORDS, authorization));

    BenchEnvironment.log("P1-auth JIT warm-up of both proxies (alternating)");
    long slice = options.authWarmupNanos() / 2;
    for (int i = 0; i < 2; i++) {
      for (Side side : List.of(anonymous, bearerSide)) {
        LoadRun.closedLoop(side.client(), CONNECTIONS, 0, slice, () -> env.meter(side.proxy()));
      }
    }
    for (int round = 1; round <= options.authRounds(); round++) {
      // A B, B A, ...: a drift during the run does not favour the side that goes first.
      List<Side> order = round % 2 == 1 ? List.of(anonymous, bearerSide) : List.of(bearerSide, anonymous);
      for (Side side : order) {
        measure(side, round);
      }
    }
    report(anonymous, bearerSide);
  }

  /** A request without the token must be refused, or the cell would not measure authentication at all. */
  private void checkRefusedWithoutToken(ProxyProcess secured, byte[] body) throws Exception {
    byte[] request = HttpConnection.request("POST", "/topics/" + TOPIC, secured.hostPort(),
        new String[] {"Content-Type: " + Payloads.BINARY_TYPE, "Accept: " + Payloads.V2_TYPE}, body);
    try (HttpConnection connection = new HttpConnection("127.0.0.1", secured.port())) {
      int status = connection.exchange(request);
      if (status != 401) {
        report.failure("P1-auth: a produce request without a token answered " + status + ", not 401");
      }
    }
  }

  private void measure(Side side, int round) throws Exception {
    long offsetsBefore = env.endOffsets(TOPIC, PARTITIONS);
    LoadRun.Result r = LoadRun.closedLoop(side.client(), CONNECTIONS, options.warmupNanos(), options.measureNanos(),
        () -> env.meter(side.proxy()));
    long delta = env.endOffsets(TOPIC, PARTITIONS) - offsetsBefore;
    String check = ProduceScenarios.check(report, "P1-auth " + side.label() + " round " + round, r, delta);
    side.results().add(new Cell(r, check));
    BenchEnvironment.log(String.format(Locale.ROOT, "P1-auth round %d, %s: %s rec/s, p50 %s ms, p99 %s ms, proxy CPU %s %%",
        round, side.label(), count(r.recordsPerSecond()), ms(r.latency(), 50), ms(r.latency(), 99),
        pct(r.usage().proxyCpu())));
  }

  /** The whole of one side over all rounds. */
  private record Totals(double recordsPerSecond, double requestsPerSecond, Histogram latency, double cpuMicrosPerRequest,
      boolean clean) {
    static Totals of(List<Cell> cells) {
      double seconds = 0;
      long requests = 0;
      long records = 0;
      double cpuSeconds = 0;
      boolean clean = true;
      Histogram latency = LoadRun.histogram();
      for (Cell cell : cells) {
        LoadRun.Result r = cell.result();
        seconds += r.seconds();
        requests += r.requests();
        records += r.records();
        cpuSeconds += r.usage().proxyCpu() / 100 * r.seconds();
        latency.add(r.latency());
        clean &= cell.check().equals("ok");
      }
      return new Totals(records / seconds, requests / seconds, latency, cpuSeconds * 1e6 / requests, clean);
    }
  }

  private static double cpuMicrosPerRequest(LoadRun.Result r) {
    return r.usage().proxyCpu() / 100 * r.seconds() * 1e6 / r.requests();
  }

  private void report(Side anonymous, Side bearer) {
    Report.Table table = new Report.Table("client", "round", "req/s", "rec/s", "p50 ms", "p99 ms", "proxy CPU %",
        "proxy CPU µs/req", "broker CPU %", "client CPU %", "proxy RSS MiB", "bearer / anonymous rec/s", "check");
    List<Double> ratios = new ArrayList<>();
    for (int i = 0; i < anonymous.results().size(); i++) {
      Cell a = anonymous.results().get(i);
      Cell b = bearer.results().get(i);
      double roundRatio = b.result().recordsPerSecond() / a.result().recordsPerSecond();
      ratios.add(roundRatio);
      row(table, anonymous.label(), Integer.toString(i + 1), a, "—");
      row(table, bearer.label(), Integer.toString(i + 1), b, ratio(roundRatio));
    }
    Totals a = Totals.of(anonymous.results());
    Totals b = Totals.of(bearer.results());
    double share = b.recordsPerSecond() / a.recordsPerSecond();
    double cpuShare = b.cpuMicrosPerRequest() / a.cpuMicrosPerRequest();
    table.row(anonymous.label(), "all", count(a.requestsPerSecond()), count(a.recordsPerSecond()), ms(a.latency(), 50),
        ms(a.latency(), 99), "—", count(a.cpuMicrosPerRequest()), "—", "—", "—", "—", a.clean() ? "ok" : "FAIL");
    table.row(bearer.label(), "all", count(b.requestsPerSecond()), count(b.recordsPerSecond()), ms(b.latency(), 50),
        ms(b.latency(), 99), "—", count(b.cpuMicrosPerRequest()), "—", "—", "—", ratio(share),
        b.clean() ? "ok" : "FAIL");
    String spread = ratios.isEmpty() ? "—" : String.format(Locale.ROOT, "%s to %s",
        ratio(ratios.stream().mapToDouble(Double::doubleValue).min().orElseThrow()),
        ratio(ratios.stream().mapToDouble(Double::doubleValue).max().orElseThrow()));
    boolean met = share >= REQUIRED && a.clean() && b.clean();
    String quota = options.authQuota()
        ? String.format(Locale.ROOT, "`quota.produce.requests.per.second=%d`, `quota.produce.bytes.per.second=%d` "
            + "(never reached: a 429 would count as a failed request and fail the check)", QUOTA_REQUESTS_PER_SECOND,
            QUOTA_BYTES_PER_SECOND)
        : "no quota (`bench.auth.quota=false`)";
    report.section("P1-auth produce with bearer authentication and a quota (binary, N=100, c=16)", table,
        "Next to P1 binary N=100 c=16, on two proxy processes started for this scenario: the anonymous rows on one with "
            + "the defaults, the bearer rows on one with `authentication.method=BEARER` against a local JWKS file (RS256 key made for the run) and "
            + quota + ". Every request carries the same `Authorization: Bearer` token (1 h expiry, a `groups` "
            + "claim), so after the first request the proxy finds it in its cache of verified tokens. Both proxies get "
            + "the same JIT warm-up; the rounds alternate (A B, B A, ...) with "
            + String.format(Locale.ROOT, "%.0f s warm-up + %.0f s measured per cell. ", options.warmupNanos() / 1e9,
                options.measureNanos() / 1e9)
            + "`proxy CPU µs/req` is the proxy's CPU time per request, less sensitive to other work on the machine than "
            + "the rates. **Ratio bearer / anonymous over all rounds: " + ratio(share) + "** (rounds: " + spread
            + "); p50 " + ms(a.latency(), 50) + " → " + ms(b.latency(), 50) + " ms, p99 " + ms(a.latency(), 99) + " → "
            + ms(b.latency(), 99) + " ms; proxy CPU per request " + ratio(cpuShare) + " of anonymous. Target (≥ 90 % of anonymous): **" + (met ? "MET" : "NOT MET") + "**.");
    report.target("P1-auth", "P1-auth binary, N=100, c=16: bearer + quota rec/s vs anonymous (same run)",
        String.format(Locale.ROOT, "≥ %.0f %% of anonymous", REQUIRED * 100),
        String.format(Locale.ROOT, "%s rec/s = %s of %s (rounds %s)%s", count(b.recordsPerSecond()), ratio(share),
            count(a.recordsPerSecond()), spread, options.authQuota() ? "" : "; bearer only, no quota"),
        met);
  }

  private static void row(Report.Table table, String label, String round, Cell cell, String versus) {
    LoadRun.Result r = cell.result();
    table.row(label, round, count(r.requestsPerSecond()), count(r.recordsPerSecond()), ms(r.latency(), 50),
        ms(r.latency(), 99), pct(r.usage().proxyCpu()), count(cpuMicrosPerRequest(r)), pct(r.usage().brokerCpu()),
        pct(r.usage().clientCpu()), mib(r.usage().proxyRss()), versus, cell.check());
  }
}
