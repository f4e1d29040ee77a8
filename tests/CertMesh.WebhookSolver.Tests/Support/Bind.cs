using System.Net;

namespace CertMesh.WebhookSolver.Tests.Support;

/// <summary>
/// The BIND deploy/local/infra-up.sh runs: from the environment, else from the .state/env file it writes,
/// so `dotnet test` works without sourcing anything. Never skips: a missing server fails the suite.
/// </summary>
internal static class Bind
{
    static readonly Lazy<IReadOnlyDictionary<string, string>> StateFile = new(ReadStateFile);

    public static IPEndPoint Server => IPEndPoint.Parse(Get("BIND_SERVER"));

    /// <summary>As cert-manager sends resolvedZone: fully qualified, with the trailing dot.</summary>
    public static string Zone => Get("BIND_ZONE").TrimEnd('.') + ".";

    public static string KeyName => Get("TSIG_KEY_NAME");
    public static string Algorithm => Get("TSIG_ALGORITHM");
    public static string Secret => Get("TSIG_SECRET");

    /// <summary>A base64 secret of the right length that BIND does not know.</summary>
    public static string WrongSecret { get; } = Convert.ToBase64String(Enumerable.Repeat((byte)0x42, 32).ToArray());

    /// <summary>A name no other test (or other engineer's run) uses, with the trailing dot cert-manager's resolvedFQDN has.</summary>
    public static string RandomFqdn(string label) => $"_acme-challenge.{label}-{Guid.NewGuid():N}.webhook.{Zone}";

    static string Get(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value
        : StateFile.Value.TryGetValue(name, out var fromFile) ? fromFile
        : throw new InvalidOperationException($"{name} is not set and not in deploy/local/.state/env: start the servers with deploy/local/infra-up.sh");

    static IReadOnlyDictionary<string, string> ReadStateFile()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var file = Path.Combine(dir.FullName, "deploy", "local", ".state", "env");
            if (!File.Exists(file))
                continue;
            return File.ReadLines(file)
                .Select(line => line.Trim())
                .Where(line => line.StartsWith("export ", StringComparison.Ordinal) && line.Contains('='))
                .Select(line => line["export ".Length..].Split('=', 2))
                .ToDictionary(kv => kv[0], kv => kv[1].Trim('"', '\''));
        }
        return new Dictionary<string, string>();
    }
}
