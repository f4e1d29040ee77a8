using System.Net;
using CertMesh.Dns.Tsig;
using CertMesh.Testing;

namespace CertMesh.Dns.Tests.Integration;

/// <summary>
/// The BIND deploy/local/infra-up.sh runs: from the environment, else from the .state/env file it writes,
/// so `dotnet test` works without sourcing anything. Never skips: a missing server fails the suite.
/// </summary>
internal static class Bind
{
    public static IPEndPoint Server => IPEndPoint.Parse(Get("BIND_SERVER"));
    public static string Zone => Get("BIND_ZONE");

    public static TsigKey Key => TsigKey.FromBase64(Get("TSIG_KEY_NAME"), Get("TSIG_ALGORITHM"), Get("TSIG_SECRET"));

    /// <summary>The right key name and algorithm with a secret BIND does not know.</summary>
    public static TsigKey WrongKey => new(Key.Name, Key.Algorithm, Enumerable.Repeat((byte)0x42, 32).ToArray());

    public static string RandomName(string label) => $"_acme-challenge.{label}-{Guid.NewGuid():N}".Substring(0, 40) + "." + Zone;

    static string Get(string name) => LocalSettings.Get(name);
}
