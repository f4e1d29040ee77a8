using System.Net;
using CertMesh.Dns.Tsig;
using CertMesh.Testing;

namespace CertMesh.ChallengeSolver.Tests.Support;

/// <summary>
/// The BIND of deploy/local/infra-up.sh (authoritative for example.test; its NS ns1.example.test is 127.0.0.1, but it
/// listens on 5354): from the environment, else from the .state/env file the script writes. Never skips: a missing
/// server fails the test with a message naming the script.
/// </summary>
internal static class BindServer
{
    public static IPEndPoint EndPoint => IPEndPoint.Parse(Get("BIND_SERVER"));
    public static string Zone => Get("BIND_ZONE");
    public static TsigKey Key => TsigKey.FromBase64(Get("TSIG_KEY_NAME"), Get("TSIG_ALGORITHM"), Get("TSIG_SECRET"));

    /// <summary>The right key name and algorithm with a secret BIND does not know: BADSIG.</summary>
    public static TsigKey WrongKey => new(Key.Name, Key.Algorithm, Enumerable.Repeat((byte)0x42, 32).ToArray());

    /// <summary>A name under the zone no other run or suite uses: <c>&lt;label&gt;-&lt;random&gt;.solver.example.test</c>.</summary>
    public static string UniqueName(string label) => $"{label}-{Guid.NewGuid():N}"[..(label.Length + 13)] + ".solver." + Zone;

    /// <summary>Settings pointing the solver's DNS-01 lookups and self-checks at this BIND.</summary>
    public static IReadOnlyDictionary<string, string?> Dns01Settings => new Dictionary<string, string?>
    {
        ["CERTMESH_DNS01_RECURSIVE_NAMESERVERS"] = EndPoint.ToString(),
        ["CERTMESH_DNS01_NAMESERVER_PORT"] = EndPoint.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    static string Get(string name) => LocalSettings.Get(name);
}
