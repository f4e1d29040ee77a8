namespace CertMesh.Acme.Tests.Support;

/// <summary>
/// A second, test-owned Pebble (see <see cref="PebbleProcess"/>) with <c>externalAccountBindingRequired</c> and
/// <c>PEBBLE_ALTERNATE_ROOTS=2</c>, so the shared Pebble from infra-up.sh keeps its settings.
/// </summary>
public sealed class EabPebbleFixture : IAsyncLifetime
{
    public const string EabKeyId = "certmesh-kid-1";
    public const string EabMacKey = "zWNDZM6eQGHWpSRTPal5eIUYFTu7EajVIoguysqZ9wG44nMEtx3MUAsUDkMTQ12W";
    public const int AlternateRoots = 2;

    private PebbleProcess? _pebble;

    public Uri Directory => Pebble.Directory;

    public Uri Management => Pebble.Management;

    public HttpClient Http => Pebble.Http;

    private PebbleProcess Pebble => _pebble ?? throw new InvalidOperationException("The EAB Pebble is not started.");

    public async Task InitializeAsync()
    {
        _pebble = await PebbleProcess.StartAsync(new PebbleOptions
        {
            Settings = new Dictionary<string, string>
            {
                ["PEBBLE_ALTERNATE_ROOTS"] = AlternateRoots.ToString(System.Globalization.CultureInfo.InvariantCulture),
                // Same nonce rejection rate as the shared Pebble the run is aimed at (infra-up.sh's default is 0).
                ["PEBBLE_WFE_NONCEREJECT"] = Environment.GetEnvironmentVariable("PEBBLE_WFE_NONCEREJECT") is { Length: > 0 } reject ? reject : "0",
            },
            ExternalAccountMacKeys = new Dictionary<string, string> { [EabKeyId] = EabMacKey },
        });
    }

    public async Task DisposeAsync()
    {
        if (_pebble is not null)
        {
            await _pebble.DisposeAsync();
        }
    }

    public Task<string> RootPemAsync(int index) => Pebble.RootPemAsync(index);
}

[CollectionDefinition(Name)]
public sealed class EabPebbleCollection : ICollectionFixture<EabPebbleFixture>, ICollectionFixture<PebbleFixture>
{
    public const string Name = "EabPebble";
}
