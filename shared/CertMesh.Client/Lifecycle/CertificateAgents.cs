using CertMesh.Client.Configuration;
using CertMesh.Client.Keys;
using CertMesh.Client.Tls;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CertMesh.Client.Lifecycle;

/// <summary>The agent of every declared certificate, found by CertMesh's Namespace/Name when an event arrives.</summary>
internal sealed class CertificateAgents
{
    readonly Dictionary<(string Namespace, string Name), CertificateAgent> _byName = new();

    public CertificateAgents(IOptions<CertMeshOptions> options, CertificateSlots slots, ICertMeshCommands commands, TimeProvider time,
        IHostEnvironment environment, ILogger<CertificateAgent> logger)
    {
        var root = options.Value.StorePath ?? DefaultStorePath(environment.ApplicationName);
        foreach (var (key, declared) in options.Value.Certificates)
        {
            var definition = CertificateDefinition.From(key, declared);
            var store = new KeyStore(Path.Combine(root, definition.Namespace, definition.Name));
            _byName[(definition.Namespace, definition.Name)] = new CertificateAgent(definition, store, slots.Get(key), commands, time, logger);
        }
    }

    public IReadOnlyCollection<CertificateAgent> All => _byName.Values;

    public CertificateAgent? Find(string @namespace, string name) => _byName.GetValueOrDefault((@namespace, name));

    public CertificateAgent ByKey(string key) => All.Single(a => a.Definition.Key == key);

    static string DefaultStorePath(string application)
    {
        var data = Environment.GetEnvironmentVariable("XDG_DATA_HOME") is { Length: > 0 } xdg
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share");
        return Path.Combine(data, "certmesh", application);
    }
}
