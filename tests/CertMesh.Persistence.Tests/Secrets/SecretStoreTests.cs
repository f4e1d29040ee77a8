using System.Security.Cryptography;
using System.Text;
using CertMesh.Domain.Resources;
using CertMesh.Persistence.Resources;
using CertMesh.Persistence.Secrets;
using CertMesh.Persistence.Tests.Support;

namespace CertMesh.Persistence.Tests.Secrets;

public sealed class SecretStoreTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    readonly TestDatabase _db = fixture.Db;
    static CancellationToken None => CancellationToken.None;

    [Fact]
    public async Task GetAsync_AfterPut_ReturnsSameDataAndMetadata()
    {
        var secret = TlsSecret("store", "round-trip", "round-trip key material");

        var version = await _db.Database.RunAsync(u => u.Secrets.PutAsync(secret, null, None), None);
        var stored = await _db.Database.RunAsync(u => u.Secrets.GetAsync("store", "round-trip", None), None);

        Assert.Equal(1, version);
        Assert.NotNull(stored);
        Assert.Equal(1, stored.ResourceVersion);
        Assert.Equal(1, stored.Document.Metadata.ResourceVersion);
        Assert.Equal(SecretTypes.Tls, stored.Document.Type);
        Assert.Equal(secret.Metadata.Annotations, stored.Document.Metadata.Annotations);
        Assert.Equal(secret.Data.Keys.Order(), stored.Document.Data.Keys.Order());
        foreach (var (name, value) in secret.Data)
            Assert.Equal(value, stored.Document.Data[name]);
    }

    [Fact]
    public async Task PutAsync_AnySecret_CiphertextColumnHoldsNoPlaintext()
    {
        const string marker = "MARKER-7f3c1e-private-key-bytes";
        var secret = TlsSecret("store", "at-rest", marker);
        await _db.Database.RunAsync(u => u.Secrets.PutAsync(secret, null, None), None);

        var stored = await CiphertextAsync("store", "at-rest");

        var markerBytes = Encoding.UTF8.GetBytes(marker);
        // The data is serialized as JSON with base64 values before sealing; none of those forms may appear at rest.
        Assert.False(Contains(stored, markerBytes), "the raw plaintext is in the ciphertext column");
        Assert.False(Contains(stored, Encoding.ASCII.GetBytes(Convert.ToBase64String(markerBytes))), "the base64 plaintext is in the ciphertext column");
        Assert.False(Contains(stored, Encoding.ASCII.GetBytes("tls.key")), "the data keys are in the ciphertext column");
        Assert.Equal(0L, await _db.ScalarAsync<long>("SELECT count(*) FROM secrets WHERE meta::text LIKE '%' || @m || '%'", ("m", marker)));
    }

    [Fact]
    public async Task GetAsync_CiphertextCopiedFromAnotherSecret_FailsToDecrypt()
    {
        await _db.Database.RunAsync(u => u.Secrets.PutAsync(TlsSecret("store", "victim", "victim key"), null, None), None);
        await _db.Database.RunAsync(u => u.Secrets.PutAsync(TlsSecret("store", "attacker", "attacker key"), null, None), None);

        // Someone with write access to the table moves the victim's sealed key under their own name.
        await _db.ExecuteAsync(
            "UPDATE secrets SET ciphertext = (SELECT ciphertext FROM secrets WHERE namespace = 'store' AND name = 'victim') WHERE namespace = 'store' AND name = 'attacker'");

        await Assert.ThrowsAnyAsync<CryptographicException>(() => _db.Database.RunAsync(u => u.Secrets.GetAsync("store", "attacker", None), None));
        Assert.NotNull(await _db.Database.RunAsync(u => u.Secrets.GetAsync("store", "victim", None), None));
    }

    [Fact]
    public async Task GetAsync_WrongKey_FailsToDecrypt()
    {
        await _db.Database.RunAsync(u => u.Secrets.PutAsync(TlsSecret("store", "wrong-key", "some key"), null, None), None);
        var otherService = _db.WithCipher(new SecretCipher(RandomNumberGenerator.GetBytes(32)));

        await Assert.ThrowsAnyAsync<CryptographicException>(() => otherService.RunAsync(u => u.Secrets.GetAsync("store", "wrong-key", None), None));
        // Listing needs no key.
        var listed = await otherService.RunAsync(u => u.Secrets.ListMetadataAsync("store", None), None);
        Assert.Contains(listed, s => s.Metadata.Name == "wrong-key");
    }

    [Fact]
    public async Task PutAsync_CreateTwice_ThrowsConflict()
    {
        await _db.Database.RunAsync(u => u.Secrets.PutAsync(TlsSecret("store", "create-twice", "first"), null, None), None);

        var conflict = await Assert.ThrowsAsync<ResourceConflictException>(() =>
            _db.Database.RunAsync(u => u.Secrets.PutAsync(TlsSecret("store", "create-twice", "second"), null, None), None));

        Assert.Equal(ResourceKinds.Secret, conflict.Kind);
        Assert.Contains("already exists", conflict.Message);
        Assert.Equal(Encoding.UTF8.GetBytes("first"), await TlsKeyAsync("store", "create-twice"));
    }

    [Fact]
    public async Task PutAsync_StaleVersion_ThrowsConflictAndKeepsNewerData()
    {
        await _db.Database.RunAsync(u => u.Secrets.PutAsync(TlsSecret("store", "stale", "v1"), null, None), None);
        var v2 = await _db.Database.RunAsync(u => u.Secrets.PutAsync(TlsSecret("store", "stale", "v2"), 1, None), None);

        var conflict = await Assert.ThrowsAsync<ResourceConflictException>(() =>
            _db.Database.RunAsync(u => u.Secrets.PutAsync(TlsSecret("store", "stale", "stale write"), 1, None), None));
        var v3 = await _db.Database.RunAsync(u => u.Secrets.PutAsync(TlsSecret("store", "stale", "v3"), 2, None), None);

        Assert.Equal(2, v2);
        Assert.Contains("modified", conflict.Message);
        Assert.Equal(3, v3);
        var stored = await _db.Database.RunAsync(u => u.Secrets.GetAsync("store", "stale", None), None);
        Assert.Equal(3, stored!.ResourceVersion);
        Assert.Equal(Encoding.UTF8.GetBytes("v3"), stored.Document.Data[SecretKeys.TlsKey]);
    }

    [Fact]
    public async Task PutAsync_UpdateOfMissingSecret_ThrowsConflict()
    {
        await Assert.ThrowsAsync<ResourceConflictException>(() =>
            _db.Database.RunAsync(u => u.Secrets.PutAsync(TlsSecret("store", "never-created", "x"), 1, None), None));

        Assert.Null(await _db.Database.RunAsync(u => u.Secrets.GetAsync("store", "never-created", None), None));
    }

    [Fact]
    public async Task DeleteAsync_Existing_RemovesItOnce()
    {
        await _db.Database.RunAsync(u => u.Secrets.PutAsync(TlsSecret("store", "delete-me", "x"), null, None), None);

        Assert.True(await _db.Database.RunAsync(u => u.Secrets.DeleteAsync("store", "delete-me", None), None));
        Assert.False(await _db.Database.RunAsync(u => u.Secrets.DeleteAsync("store", "delete-me", None), None));
        Assert.Null(await _db.Database.RunAsync(u => u.Secrets.GetAsync("store", "delete-me", None), None));
    }

    static Secret TlsSecret(string @namespace, string name, string key) => new()
    {
        Metadata = new ObjectMeta
        {
            Namespace = @namespace,
            Name = name,
            Annotations = new Dictionary<string, string> { [SecretAnnotations.CertificateName] = name },
        },
        Type = SecretTypes.Tls,
        Data = new Dictionary<string, byte[]>
        {
            [SecretKeys.TlsKey] = Encoding.UTF8.GetBytes(key),
            [SecretKeys.TlsCrt] = Encoding.UTF8.GetBytes("-----BEGIN CERTIFICATE----- for " + name),
        },
    };

    async Task<byte[]> TlsKeyAsync(string @namespace, string name)
    {
        var stored = await _db.Database.RunAsync(u => u.Secrets.GetAsync(@namespace, name, None), None);
        return stored!.Document.Data[SecretKeys.TlsKey];
    }

    Task<byte[]> CiphertextAsync(string @namespace, string name) =>
        _db.ScalarAsync<byte[]>("SELECT ciphertext FROM secrets WHERE namespace = @ns AND name = @n", ("ns", @namespace), ("n", name));

    static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;
}
