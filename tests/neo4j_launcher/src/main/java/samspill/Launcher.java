package samspill;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;

/**
 * Starts Neo4j Community embedded with its Bolt connector on 127.0.0.1:PORT, for the tests.
 * Usage: Launcher HOME_DIR PORT [TX_TIMEOUT_S [PAGECACHE_MB]] (defaults 120 and 256: a test
 * that hangs fails; the benchmarks give large graphs longer and more memory). Prints "READY bolt://127.0.0.1:PORT" once Bolt listens, and
 * shuts the database down when its standard input closes, so it never outlives the test run.
 */
public final class Launcher {
    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[0]);
        int port = Integer.parseInt(args[1]);
        long timeout = args.length > 2 ? Long.parseLong(args[2]) : 120;
        long pagecache = args.length > 3 ? Long.parseLong(args[3]) : 256;
        // A fifth argument: a neo4j.conf of further settings (the TLS test gives Bolt a certificate).
        DatabaseManagementServiceBuilder builder = new DatabaseManagementServiceBuilder(home);
        if (args.length > 4) {
            builder.loadPropertiesFromFile(Path.of(args[4]));
        } else {
            builder.setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED);
        }
        DatabaseManagementService dbms = builder
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                // What a routing driver (neo4j://) is told to connect to: this port, not 7687.
                .setConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", port))
                .setConfig(HttpConnector.enabled, false)
                .setConfig(GraphDatabaseSettings.auth_enabled, false)
                .setConfig(GraphDatabaseSettings.pagecache_memory, pagecache * 1024 * 1024)
                .setConfig(GraphDatabaseSettings.transaction_timeout, Duration.ofSeconds(timeout))
                .build();
        Runtime.getRuntime().addShutdownHook(new Thread(dbms::shutdown));
        System.out.println("READY bolt://127.0.0.1:" + port);
        System.out.flush();
        InputStream in = System.in;
        while (in.read() != -1) {
            // Wait for the parent to close our stdin (or die).
        }
        System.exit(0);
    }
}
