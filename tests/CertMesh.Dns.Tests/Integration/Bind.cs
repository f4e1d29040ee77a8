using System.Net;
using CertMesh.Dns.Tsig;

namespace CertMesh.Dns.Tests.Integration;

/// <summary>
/// The BIND deploy/local/infra-up.sh runs: from the environment, else from the .state/env file it writes,
/// so `dotnet test` works without sourcing anything. Never skips: a missing server fails the suite.
/// </summary>
internal static class Bind
{
    static readonly Lazy<IReadOnlyDictionary<string, string>> StateFile = new(ReadStateFile);

    public static IPEndPoint Server => IPEndPoint.Parse(Get("BIND_SERVER"));
    public static string Zone => Get("BIND_ZONE");

    public static TsigKey Key => TsigKey.FromBase64(Get("TSIG_KEY_NAME"), Get("TSIG_ALGORITHM"), Get("TSIG_SECRET"));

    /// <summary>The right key name and algorithm with a secret BIND does not know.</summary>
    public static TsigKey WrongKey => new(Key.Name, Key.Algorithm, Enumerable.Repeat((byte)0x42, 32).ToArray());

    public static string RandomName(string label) => $"_acme-challenge.{label}-{Guid.NewGuid():N}".Substring(0, 40) + "." + Zone;

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
