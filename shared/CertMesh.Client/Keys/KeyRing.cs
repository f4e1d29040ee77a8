using System.Security.Cryptography.X509Certificates;
using CertMesh.Client.Configuration;
using CertMesh.Client.Requests;

namespace CertMesh.Client.Keys;

/// <summary>
/// The keys of one certificate and what was last asked for them: the current key (its certificate is served) and,
/// while CertMesh rotates the key, a pending one. Every change is written to the <see cref="KeyStore"/> before it is
/// acted on, so a restart at any point resumes instead of starting over (and a restart never changes a CSR that was
/// already sent, which would make CertMesh issue again).
/// </summary>
internal sealed class KeyRing
{
    readonly KeyStore _store;
    readonly CertificateDefinition _definition;

    KeyRing(KeyStore store, CertificateDefinition definition, ClientKey current, string currentCsr)
    {
        _store = store;
        _definition = definition;
        Current = current;
        CurrentCsr = currentCsr;
    }

    public ClientKey Current { get; private set; }
    public string CurrentCsr { get; private set; }
    public ClientKey? Pending { get; private set; }
    public string? PendingCsr { get; private set; }

    /// <summary>The CSR CertMesh was last sent: the pending one during a rotation, else the current one.</summary>
    public string LatestCsr => PendingCsr ?? CurrentCsr;

    /// <summary>Loads (or makes, the first time) the keys and CSRs; finishes a promotion a crash interrupted.</summary>
    public static KeyRing Open(KeyStore store, CertificateDefinition definition)
    {
        var current = store.Read(KeyStore.KeyFile) is { } keyPem ? ClientKey.FromPkcs8Pem(keyPem) : null;
        if (current is null)
        {
            current = ClientKey.Generate(definition.KeyAlgorithm, definition.KeySize);
            store.Write(KeyStore.KeyFile, current.ToPkcs8Pem());
        }
        // A promotion that stopped between its two renames left the current key's CSR under the pending name.
        var currentCsr = store.Read(KeyStore.PendingCsrFile) is { } moved && CsrFactory.Matches(moved, current, definition.Spec)
            ? Adopt(store, moved)
            : EnsureCsr(store, KeyStore.CsrFile, current, definition);
        var ring = new KeyRing(store, definition, current, currentCsr);
        if (store.Read(KeyStore.PendingKeyFile) is { } pendingPem)
        {
            var pending = ClientKey.FromPkcs8Pem(pendingPem);
            if (pending.SubjectPublicKeyInfo.AsSpan().SequenceEqual(current.SubjectPublicKeyInfo))
            {
                // A promotion renamed the key but stopped before removing the rest: it is done.
                store.Delete(KeyStore.PendingKeyFile);
                store.Delete(KeyStore.PendingCsrFile);
            }
            else
            {
                ring.Pending = pending;
                ring.PendingCsr = EnsureCsr(store, KeyStore.PendingCsrFile, pending, definition);
            }
        }
        if (ring.Pending is { } waiting && ring.ReadChain() is { } chain && waiting.Matches(chain[0]))
        {
            // The chain for the pending key was stored, then the process stopped before promoting it.
            ring.Promote();
        }
        return ring;
    }

    /// <summary>The stored chain (leaf first), or null.</summary>
    public X509Certificate2Collection? ReadChain()
    {
        if (_store.Read(KeyStore.ChainFile) is not { } pem)
        {
            return null;
        }
        var chain = new X509Certificate2Collection();
        chain.ImportFromPem(pem);
        return chain.Count > 0 ? chain : null;
    }

    /// <summary>The key to answer a renewal request with: the pending one if a rotation is under way (so a repeated
    /// request gets the same CSR), else a new key, stored before its CSR is sent.</summary>
    public (ClientKey Key, string Csr) BeginRotation()
    {
        if (Pending is not null && PendingCsr is not null)
        {
            return (Pending, PendingCsr);
        }
        var key = ClientKey.Generate(_definition.KeyAlgorithm, _definition.KeySize);
        var csr = CsrFactory.CreatePem(key, _definition.Spec);
        // The key first: a CSR on disk always has its key beside it.
        _store.Write(KeyStore.PendingKeyFile, key.ToPkcs8Pem());
        _store.Write(KeyStore.PendingCsrFile, csr);
        Pending = key;
        PendingCsr = csr;
        return (key, csr);
    }

    /// <summary>Stores an issued chain whose leaf belongs to <paramref name="key"/> (current or pending); a chain for
    /// the pending key makes it current. Returns the key now current.</summary>
    public ClientKey Accept(string chainPem, ClientKey key)
    {
        // The chain before the key: if the process stops in between, Open finds a chain for the pending key and
        // finishes the promotion, instead of a current key without its certificate.
        _store.Write(KeyStore.ChainFile, chainPem);
        if (ReferenceEquals(key, Pending))
        {
            Promote();
        }
        return Current;
    }

    void Promote()
    {
        // Key first: Open recognises a CSR left under the pending name as the current key's.
        _store.Move(KeyStore.PendingKeyFile, KeyStore.KeyFile);
        _store.Move(KeyStore.PendingCsrFile, KeyStore.CsrFile);
        Current = Pending!;
        CurrentCsr = PendingCsr!;
        Pending = null;
        PendingCsr = null;
    }

    static string Adopt(KeyStore store, string csr)
    {
        store.Move(KeyStore.PendingCsrFile, KeyStore.CsrFile);
        return csr;
    }

    static string EnsureCsr(KeyStore store, string file, ClientKey key, CertificateDefinition definition)
    {
        if (store.Read(file) is { } stored && CsrFactory.Matches(stored, key, definition.Spec))
        {
            return stored;
        }
        // None yet, or the declared names changed since it was made: a new request from the same key.
        var csr = CsrFactory.CreatePem(key, definition.Spec);
        store.Write(file, csr);
        return csr;
    }
}
