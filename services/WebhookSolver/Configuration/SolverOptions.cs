using CertMesh.Dns.Transport;

namespace CertMesh.WebhookSolver.Configuration;

/// <summary>What this webhook serves and the DNS credentials it holds, from WEBHOOK_* environment variables.</summary>
internal sealed record SolverOptions
{
    public const string DefaultGroupName = "acme.certmesh.test";
    public const string DefaultSolverName = "rfc2136";
    public const string Version = "v1alpha1";

    /// <summary>The API group cert-manager's issuer names in dns01.webhook.groupName (WEBHOOK_GROUP_NAME).</summary>
    public string GroupName { get; init; } = DefaultGroupName;

    /// <summary>The resource cert-manager POSTs to, dns01.webhook.solverName (WEBHOOK_SOLVER_NAME).</summary>
    public string SolverName { get; init; } = DefaultSolverName;

    /// <summary>WEBHOOK_TSIG_KEY_NAME, WEBHOOK_TSIG_ALGORITHM, WEBHOOK_TSIG_SECRET; prints the key name only.</summary>
    public required TsigCredentials Credentials { get; init; }

    /// <summary>Per DNS attempt (WEBHOOK_DNS_TIMEOUT_SECONDS); the shared client's 5 s unless set.</summary>
    public DnsClientOptions Dns { get; init; } = DnsClientOptions.Default;

    /// <summary>
    /// How long a presented value takes to reach the nameservers (WEBHOOK_PROPAGATION_DELAY_SECONDS, default 0): Present
    /// is acknowledged at once and the update sent that much later, as a hosted DNS provider's API accepts a change
    /// and publishes it later. It lets the local stack show what waiting for propagation costs.
    /// </summary>
    public TimeSpan PropagationDelay { get; init; }

    public bool Serves(string group, string version) => group == GroupName && version == Version;

    public bool Serves(string group, string version, string solver) => Serves(group, version) && solver == SolverName;

    /// <summary>Fails start-up listing every missing or bad variable: a webhook without credentials could never solve anything.</summary>
    public static SolverOptions From(IConfiguration configuration)
    {
        var errors = new List<string>();
        var keyName = Require(configuration, "WEBHOOK_TSIG_KEY_NAME", errors);
        var secret = Require(configuration, "WEBHOOK_TSIG_SECRET", errors);
        var algorithm = configuration["WEBHOOK_TSIG_ALGORITHM"] is { Length: > 0 } a ? a : "hmac-sha256";

        TsigCredentials? credentials = null;
        if (keyName is not null && secret is not null)
        {
            try
            {
                credentials = TsigCredentials.FromBase64(keyName, algorithm, secret);
            }
            catch (ArgumentException e)
            {
                // TsigKey's messages name the key or algorithm, never the secret.
                errors.Add(e.Message);
            }
        }

        var dns = DnsClientOptions.Default;
        if (configuration["WEBHOOK_DNS_TIMEOUT_SECONDS"] is { Length: > 0 } timeout)
        {
            if (double.TryParse(timeout, System.Globalization.CultureInfo.InvariantCulture, out var seconds) && seconds > 0)
                dns = dns with { Timeout = TimeSpan.FromSeconds(seconds) };
            else
                errors.Add($"WEBHOOK_DNS_TIMEOUT_SECONDS must be a positive number of seconds, not '{timeout}'");
        }

        var delay = TimeSpan.Zero;
        if (configuration["WEBHOOK_PROPAGATION_DELAY_SECONDS"] is { Length: > 0 } delayText)
        {
            if (double.TryParse(delayText, System.Globalization.CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
                delay = TimeSpan.FromSeconds(seconds);
            else
                errors.Add($"WEBHOOK_PROPAGATION_DELAY_SECONDS must be a number of seconds (0 or more), not '{delayText}'");
        }

        if (errors.Count > 0 || credentials is null)
            throw new InvalidOperationException("WebhookSolver is not configured: " + string.Join("; ", errors));

        return new SolverOptions
        {
            GroupName = configuration["WEBHOOK_GROUP_NAME"] is { Length: > 0 } group ? group : DefaultGroupName,
            SolverName = configuration["WEBHOOK_SOLVER_NAME"] is { Length: > 0 } solver ? solver : DefaultSolverName,
            Credentials = credentials,
            Dns = dns,
            PropagationDelay = delay,
        };
    }

    static string? Require(IConfiguration configuration, string name, List<string> errors)
    {
        if (configuration[name] is { Length: > 0 } value)
            return value;
        errors.Add($"{name} is not set");
        return null;
    }
}
