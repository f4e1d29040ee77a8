using Npgsql;

namespace CertMesh.Persistence.Database;

/// <summary>Creates every table CertMesh uses; safe to run at every start, from any number of services at once.</summary>
public static class Schema
{
    // An advisory lock serialises concurrent start-ups: CREATE ... IF NOT EXISTS alone races on the catalog.
    const long SchemaLockKey = 0x43_65_72_74_4D_65_73_68;

    // Bump when Ddl changes: a service that finds this version recorded touches no DDL at all. Even
    // CREATE ... IF NOT EXISTS takes table locks, which deadlock against live traffic when a replica restarts.
    const int Version = 11;

    const string Ddl = """
        CREATE TABLE IF NOT EXISTS resources (
            kind text NOT NULL,
            namespace text NOT NULL,
            name text NOT NULL,
            uid uuid NOT NULL,
            resource_version bigint NOT NULL,
            doc jsonb NOT NULL,
            due_at timestamptz NULL,
            created_at timestamptz NOT NULL DEFAULT now(),
            updated_at timestamptz NOT NULL DEFAULT now(),
            PRIMARY KEY (kind, namespace, name)
        );
        -- The renewal sweep reads only what is due: a partial index keeps its cost proportional to that.
        CREATE INDEX IF NOT EXISTS resources_due ON resources (kind, due_at) WHERE due_at IS NOT NULL;

        CREATE TABLE IF NOT EXISTS resource_events (
            id bigserial PRIMARY KEY,
            kind text NOT NULL,
            namespace text NOT NULL,
            name text NOT NULL,
            type text NOT NULL,
            reason text NOT NULL,
            message text NOT NULL,
            at timestamptz NOT NULL
        );
        CREATE INDEX IF NOT EXISTS resource_events_owner ON resource_events (kind, namespace, name, id);

        CREATE TABLE IF NOT EXISTS secrets (
            namespace text NOT NULL,
            name text NOT NULL,
            resource_version bigint NOT NULL,
            meta jsonb NOT NULL,
            type text NOT NULL,
            ciphertext bytea NOT NULL,
            updated_at timestamptz NOT NULL DEFAULT now(),
            PRIMARY KEY (namespace, name)
        );

        CREATE TABLE IF NOT EXISTS outbox (
            id bigserial PRIMARY KEY,
            message_id uuid NOT NULL,
            message_type text NOT NULL,
            body jsonb NOT NULL,
            due_at timestamptz NOT NULL DEFAULT now(),
            created_at timestamptz NOT NULL DEFAULT now()
        );
        CREATE INDEX IF NOT EXISTS outbox_due ON outbox (due_at, id);

        CREATE TABLE IF NOT EXISTS inbox (
            consumer text NOT NULL,
            message_id uuid NOT NULL,
            processed_at timestamptz NOT NULL DEFAULT now(),
            PRIMARY KEY (consumer, message_id)
        );
        CREATE INDEX IF NOT EXISTS inbox_age ON inbox (processed_at);

        CREATE TABLE IF NOT EXISTS sagas (
            saga_type text NOT NULL,
            correlation_id uuid NOT NULL,
            version integer NOT NULL,
            state jsonb NOT NULL,
            updated_at timestamptz NOT NULL DEFAULT now(),
            PRIMARY KEY (saga_type, correlation_id)
        );

        CREATE TABLE IF NOT EXISTS schema_version (version integer NOT NULL);

        -- Version 2: the HTTP-01 token store, shared by every ChallengeSolver replica and loaded by every Edge.
        CREATE TABLE IF NOT EXISTS http01_tokens (
            token text PRIMARY KEY,
            key_authorization text NOT NULL,
            dns_name text NOT NULL,
            presented_at timestamptz NOT NULL DEFAULT now()
        );

        -- Version 3: the challenge scheduler, shared by every ChallengeSolver replica. A row is created once per
        -- Challenge; a replica holds it (state processing) under a lease it renews, and every hold is logged in
        -- challenge_slots so the global in-flight limit can be checked after the fact.
        CREATE TABLE IF NOT EXISTS challenge_queue (
            id bigserial PRIMARY KEY,
            namespace text NOT NULL,
            name text NOT NULL,
            dns_name text NOT NULL,
            type text NOT NULL,
            account jsonb NOT NULL,
            state text NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'processing', 'done')),
            owner text NULL,
            lease_until timestamptz NULL,
            due_at timestamptz NOT NULL DEFAULT now(),
            attempts integer NOT NULL DEFAULT 0,
            created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
            updated_at timestamptz NOT NULL DEFAULT now(),
            UNIQUE (namespace, name),
            CHECK (state <> 'processing' OR (owner IS NOT NULL AND lease_until IS NOT NULL))
        );
        -- Claiming reads only waiting rows (oldest first) and held rows (to count them and to find expired leases and
        -- busy names): partial indexes keep that proportional to the work in flight, not to every challenge ever made.
        CREATE INDEX IF NOT EXISTS challenge_queue_waiting ON challenge_queue (created_at, id) WHERE state = 'queued';
        CREATE INDEX IF NOT EXISTS challenge_queue_held ON challenge_queue (lease_until) WHERE state = 'processing';
        CREATE INDEX IF NOT EXISTS challenge_queue_held_names ON challenge_queue (dns_name, type) WHERE state = 'processing';

        CREATE TABLE IF NOT EXISTS challenge_slots (
            id bigserial PRIMARY KEY,
            queue_id bigint NOT NULL REFERENCES challenge_queue (id) ON DELETE CASCADE,
            namespace text NOT NULL,
            name text NOT NULL,
            replica text NOT NULL,
            started_at timestamptz NOT NULL,
            ended_at timestamptz NULL
        );
        -- At most one open hold per challenge; also how a release or a takeover finds the slot to end.
        CREATE UNIQUE INDEX IF NOT EXISTS challenge_slots_open ON challenge_slots (queue_id) WHERE ended_at IS NULL;
        CREATE INDEX IF NOT EXISTS challenge_slots_queue ON challenge_slots (queue_id);

        -- Version 4: replies go through the outbox too (sent to a request's response address after the commit), and
        -- an inbox mark records what its message was owed, so a redelivery sends it again instead of nothing.
        ALTER TABLE outbox ADD COLUMN IF NOT EXISTS destination text NULL;
        ALTER TABLE outbox ADD COLUMN IF NOT EXISTS request_id uuid NULL;
        ALTER TABLE outbox ADD COLUMN IF NOT EXISTS conversation_id uuid NULL;
        ALTER TABLE outbox ADD COLUMN IF NOT EXISTS initiator_id uuid NULL;
        CREATE UNIQUE INDEX IF NOT EXISTS outbox_message ON outbox (message_id);
        ALTER TABLE inbox ADD COLUMN IF NOT EXISTS owed jsonb NULL;
        -- Version 5: how often a row failed to go out; it steps aside a little longer each time.
        ALTER TABLE outbox ADD COLUMN IF NOT EXISTS attempts integer NOT NULL DEFAULT 0;
        -- Version 6: who asked for what, and the answer: every write on the Api and every command on the bus, refusals
        -- included (a refused write leaves no trace on the resource itself). Pruned by age and count.
        CREATE TABLE IF NOT EXISTS audit_log (
            id bigserial PRIMARY KEY,
            at timestamptz NOT NULL,
            actor text NOT NULL,
            via text NOT NULL,
            verb text NOT NULL,
            kind text NOT NULL,
            namespace text NOT NULL,
            name text NOT NULL,
            outcome text NOT NULL,
            message text NOT NULL
        );
        CREATE INDEX IF NOT EXISTS audit_log_namespace ON audit_log (namespace, id);
        -- Version 7: the W3C trace context of the span that wrote a row, so its publish, made later by the dispatcher,
        -- continues the same trace (one trace per issuance across every service). Null for rows written outside a span.
        ALTER TABLE outbox ADD COLUMN IF NOT EXISTS trace_parent text NULL;
        ALTER TABLE outbox ADD COLUMN IF NOT EXISTS trace_state text NULL;
        -- The same for a queued challenge: the replica that claims it, later, solves it in the trace that queued it.
        ALTER TABLE challenge_queue ADD COLUMN IF NOT EXISTS trace_parent text NULL;
        ALTER TABLE challenge_queue ADD COLUMN IF NOT EXISTS trace_state text NULL;
        -- Version 8: each service process's latest ready-check result (HeartbeatWriter), read by the Api's /api/health
        -- for `certmesh check api`. One row per replica, overwritten every few seconds: a replica that stops writing goes
        -- stale, which is the answer when its PostgreSQL is unreachable. Rows of replicas gone for an hour are pruned.
        CREATE TABLE IF NOT EXISTS service_heartbeats (
            service text NOT NULL,
            replica text NOT NULL,
            status text NOT NULL,
            detail text NOT NULL,
            started_at timestamptz NOT NULL,
            seen_at timestamptz NOT NULL,
            PRIMARY KEY (service, replica)
        );
        -- Version 9: a change feed for the services that export resource metrics (certificates, issuers, challenges).
        -- Every write of those kinds takes the next number of one sequence; a deletion leaves a numbered tombstone. The
        -- exporting replica reads only rows numbered since its last look, never the whole fleet per scrape.
        CREATE SEQUENCE IF NOT EXISTS resource_changes;
        ALTER TABLE resources ADD COLUMN IF NOT EXISTS change_seq bigint NULL;
        CREATE INDEX IF NOT EXISTS resources_change_seq ON resources (change_seq) WHERE change_seq IS NOT NULL;
        CREATE TABLE IF NOT EXISTS resource_deletions (
            change_seq bigint PRIMARY KEY,
            kind text NOT NULL,
            namespace text NOT NULL,
            name text NOT NULL,
            deleted_at timestamptz NOT NULL DEFAULT now()
        );
        CREATE OR REPLACE FUNCTION resources_number_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            NEW.change_seq := nextval('resource_changes');
            RETURN NEW;
        END $$;
        CREATE OR REPLACE TRIGGER resources_number_change BEFORE INSERT OR UPDATE ON resources FOR EACH ROW
            WHEN (NEW.kind IN ('Certificate', 'Issuer', 'ClusterIssuer', 'Challenge'))
            EXECUTE FUNCTION resources_number_change();
        CREATE OR REPLACE FUNCTION resources_record_deletion() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            INSERT INTO resource_deletions (change_seq, kind, namespace, name) VALUES (nextval('resource_changes'), OLD.kind, OLD.namespace, OLD.name);
            RETURN NULL;
        END $$;
        CREATE OR REPLACE TRIGGER resources_record_deletion AFTER DELETE ON resources FOR EACH ROW
            WHEN (OLD.kind IN ('Certificate', 'Issuer', 'ClusterIssuer', 'Challenge'))
            EXECUTE FUNCTION resources_record_deletion();
        -- Version 10: a Certificate's requests by the name label each carries, so deleting a certificate reads its own
        -- requests, not every request of its namespace (ResourceStore.DeleteOwnedByCertificateAsync).
        CREATE INDEX IF NOT EXISTS resources_certificate_requests
            ON resources (namespace, (doc -> 'metadata' -> 'labels' ->> 'cert-manager.io/certificate-name'))
            WHERE kind = 'CertificateRequest';
        -- Version 11: the same for a Certificate's Orders (each names it in spec.certificateName) and Challenges, so AcmeOrder
        -- and ChallengeSolver delete its own, not read their whole namespace, per deleted certificate. A Challenge carries
        -- the certificate-name label since this version; one made before names it only as the prefix of its order's name
        -- (<certificate>-<revision>-<hash>), which the expression falls back to. ResourceStore.DeleteOwnedByCertificateAsync.
        CREATE INDEX IF NOT EXISTS resources_certificate_orders
            ON resources (namespace, (doc -> 'spec' ->> 'certificateName'))
            WHERE kind = 'Order';
        CREATE INDEX IF NOT EXISTS resources_certificate_challenges
            ON resources (namespace, (coalesce(doc -> 'metadata' -> 'labels' ->> 'cert-manager.io/certificate-name',
                                               substring(doc -> 'spec' ->> 'orderName' from '^(.*)-[0-9]+-[0-9]+$'))))
            WHERE kind = 'Challenge';
        """;

    public static async Task EnsureAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        if (await CurrentVersionAsync(dataSource, cancellationToken) >= Version)
            return;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key)", connection, transaction))
        {
            lockCommand.Parameters.AddWithValue("key", SchemaLockKey);
            await lockCommand.ExecuteNonQueryAsync(cancellationToken);
        }
        await using (var ddl = new NpgsqlCommand(Ddl, connection, transaction))
            await ddl.ExecuteNonQueryAsync(cancellationToken);
        await using (var record = new NpgsqlCommand("DELETE FROM schema_version; INSERT INTO schema_version VALUES (@version)", connection, transaction))
        {
            record.Parameters.AddWithValue("version", Version);
            await record.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }

    static async Task<int> CurrentVersionAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT CASE WHEN to_regclass('schema_version') IS NULL THEN 0 ELSE (SELECT coalesce(max(version), 0) FROM schema_version) END");
        try
        {
            return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken));
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            return 0; // created between the check and the read by a concurrent start-up; let the DDL path settle it
        }
    }
}
