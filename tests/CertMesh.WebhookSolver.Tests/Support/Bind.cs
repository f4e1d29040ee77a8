using System.Net;
using CertMesh.Testing;

namespace CertMesh.WebhookSolver.Tests.Support;

/// <summary>
/// The BIND deploy/local/infra-up.sh runs: from the environment, else from the .state/env file it writes,
/// so `dotnet test` works without sourcing anything. Never skips: a missing server fails the suite.
/// </summary>
internal static class Bind
{
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

    static string Get(string name) => LocalSettings.Get(name);
}
