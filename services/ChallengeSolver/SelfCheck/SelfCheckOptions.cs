using System.Net;
using CertMesh.ChallengeSolver.Scheduling;

namespace CertMesh.ChallengeSolver.SelfCheck;

/// <summary>How the self-check runs: its retry interval and, for stacks whose names do not resolve to the edge, where to connect.</summary>
internal sealed record SelfCheckOptions
{
    /// <summary>Wait between self-check attempts (CERTMESH_SELF_CHECK_INTERVAL), cert-manager's 10s.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Where HTTP-01 self-checks connect instead of the name's own address and port 80 (CERTMESH_HTTP01_SELF_CHECK_CONNECT,
    /// <c>host:port</c>), like <c>curl --connect-to</c>: the request still carries the challenge's name as Host.
    /// </summary>
    public DnsEndPoint? Http01Connect { get; init; }

    public static SelfCheckOptions From(IConfiguration configuration) => new()
    {
        Interval = SchedulerOptions.Duration(configuration, "CERTMESH_SELF_CHECK_INTERVAL", new SelfCheckOptions().Interval),
        Http01Connect = configuration["CERTMESH_HTTP01_SELF_CHECK_CONNECT"] is { Length: > 0 } target
            ? ParseEndPoint(target, "CERTMESH_HTTP01_SELF_CHECK_CONNECT")
            : null,
    };

    /// <summary><c>host:port</c>, <c>1.2.3.4:port</c> or <c>[::1]:port</c>.</summary>
    internal static DnsEndPoint ParseEndPoint(string text, string name)
    {
        var colon = text.LastIndexOf(':');
        var host = colon > 0 ? text[..colon] : "";
        if (host.StartsWith('[') && host.EndsWith(']'))
            host = host[1..^1];
        else if (host.Contains(':'))
            host = ""; // an IPv6 address needs brackets, or its last group would read as the port
        if (host.Length == 0 || !int.TryParse(text[(colon + 1)..], out var port) || port is < 1 or > 65535)
            throw new InvalidOperationException($"{name}: \"{text}\" is not host:port (e.g. 127.0.0.1:5002 or [::1]:5002)");
        return new DnsEndPoint(host, port);
    }
}
