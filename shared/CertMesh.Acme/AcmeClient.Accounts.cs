using System.Text.Json;
using System.Text.Json.Nodes;
using CertMesh.Acme.Accounts;
using CertMesh.Acme.Directory;
using CertMesh.Acme.Http;
using CertMesh.Acme.Jws;
using CertMesh.Acme.Problems;

namespace CertMesh.Acme;

/// <summary>Account operations (RFC 8555 section 7.3): register, find, update, key rollover, deactivate.</summary>
public sealed partial class AcmeClient
{
    /// <summary>
    /// Registers the account key (or returns the existing account for it: the CA answers 200 instead of 201) and
    /// remembers the account URL.
    /// </summary>
    public async Task<AcmeAccount> CreateAccountAsync(NewAccountRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        AcmeDirectory directory = await GetDirectoryAsync(cancellationToken).ConfigureAwait(false);
        AccountKey key = _session.Key;
        var payload = new JsonObject
        {
            ["termsOfServiceAgreed"] = request.TermsOfServiceAgreed,
        };
        if (request.Contact.Count > 0)
        {
            payload["contact"] = new JsonArray(request.Contact.Select(c => (JsonNode?)JsonValue.Create(c)).ToArray());
        }

        if (request.ExternalAccountBinding is { } binding)
        {
            JwsMessage eab = JwsSigner.SignExternalAccountBinding(binding, key.Jwk, directory.NewAccount);
            payload["externalAccountBinding"] = JsonSerializer.SerializeToNode(eab, AcmeJson.Options);
        }

        return await NewAccountAsync(directory, key, payload, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The account registered for the current key, or null when the CA has none (<c>onlyReturnExisting</c>).</summary>
    public async Task<AcmeAccount?> FindAccountAsync(CancellationToken cancellationToken = default)
    {
        AcmeDirectory directory = await GetDirectoryAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await NewAccountAsync(directory, _session.Key, new JsonObject { ["onlyReturnExisting"] = true }, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (AcmeProblemException ex) when (ex.Type == AcmeProblemTypes.AccountDoesNotExist)
        {
            return null;
        }
    }

    /// <summary>Fetches the current account object (POST-as-GET; Pebble and Boulder refuse the older empty update).</summary>
    public async Task<AcmeAccount> GetAccountAsync(CancellationToken cancellationToken = default)
    {
        Uri account = RequireAccountUrl();
        AcmeAccount current = await PostForAsync<AcmeAccount>(account, AcmeActions.GetAccount, null, cancellationToken).ConfigureAwait(false);
        return current with { Location = account };
    }

    /// <summary>Replaces the account's contact URLs (an empty list removes them).</summary>
    public Task<AcmeAccount> UpdateContactAsync(IReadOnlyList<string> contact, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(contact);
        return UpdateAccountAsync(
            new JsonObject { ["contact"] = new JsonArray(contact.Select(c => (JsonNode?)JsonValue.Create(c)).ToArray()) },
            cancellationToken);
    }

    /// <summary>Deactivates the account for good (section 7.3.6); the CA refuses its requests afterwards.</summary>
    public Task<AcmeAccount> DeactivateAccountAsync(CancellationToken cancellationToken = default) =>
        UpdateAccountAsync(new JsonObject { ["status"] = "deactivated" }, cancellationToken);

    /// <summary>
    /// Rolls the account over to <paramref name="newKey"/> (section 7.3.5): an inner JWS signed by the new key
    /// (with its <c>jwk</c>, no nonce) naming the account and the old key, wrapped in an outer JWS signed by the
    /// old key. On success this client signs with the new key; the caller still owns (and disposes) both keys.
    /// Requests already in flight with the old key may fail with <c>unauthorized</c>: roll over while idle.
    /// </summary>
    public async Task ChangeKeyAsync(AccountKey newKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(newKey);
        AcmeDirectory directory = await GetDirectoryAsync(cancellationToken).ConfigureAwait(false);
        Uri keyChange = Require(directory.KeyChange, "keyChange");
        AccountSession session = _session;
        Uri account = session.AccountUrl ?? RequireAccountUrl();

        using var innerPayload = new MemoryStream();
        using (var writer = new Utf8JsonWriter(innerPayload))
        {
            writer.WriteStartObject();
            writer.WriteString("account", account.AbsoluteUri);
            writer.WritePropertyName("oldKey");
            session.Key.Jwk.WriteTo(writer);
            writer.WriteEndObject();
        }

        JwsMessage inner = JwsSigner.Sign(newKey, keyChange, nonce: null, accountUrl: null, innerPayload.ToArray());
        byte[] outerPayload = JsonSerializer.SerializeToUtf8Bytes(inner, AcmeJson.Options);
        await _transport.PostAsync(keyChange, AcmeActions.KeyChange, nonce => JwsSigner.Sign(session.Key, keyChange, nonce, account, outerPayload), null, cancellationToken)
            .ConfigureAwait(false);
        TrySwapSession(session.Key, new AccountSession(newKey, account));
    }

    private async Task<AcmeAccount> UpdateAccountAsync(JsonObject payload, CancellationToken cancellationToken)
    {
        Uri account = RequireAccountUrl();
        AcmeAccount updated = await PostForAsync<AcmeAccount>(account, AcmeActions.UpdateAccount, JsonSerializer.SerializeToUtf8Bytes(payload, AcmeJson.Options), cancellationToken)
            .ConfigureAwait(false);
        return updated with { Location = account };
    }

    private async Task<AcmeAccount> NewAccountAsync(AcmeDirectory directory, AccountKey key, JsonObject payload, CancellationToken cancellationToken)
    {
        byte[] body = JsonSerializer.SerializeToUtf8Bytes(payload, AcmeJson.Options);
        Uri url = directory.NewAccount;
        AcmeResponse response = await _transport.PostAsync(url, AcmeActions.NewAccount, nonce => JwsSigner.Sign(key, url, nonce, accountUrl: null, body), null, cancellationToken)
            .ConfigureAwait(false);
        Uri location = response.Location ?? throw MissingLocation(url);
        AcmeAccount account = AcmeTransport.Deserialize<AcmeAccount>(response, url) with { Location = location };
        TrySwapSession(key, new AccountSession(key, location));

        return account;
    }
}
