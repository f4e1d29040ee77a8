using CertMesh.Acme.Accounts;
using CertMesh.Acme.Jws;
using CertMesh.Acme.Orders;
using CertMesh.Acme.Problems;
using CertMesh.Acme.Tests.Support;

namespace CertMesh.Acme.Tests.Integration;

[Collection(PebbleCollection.Name)]
public sealed class AccountTests(PebbleFixture pebble)
{
    [Theory]
    [InlineData(AccountKeyType.ES256)]
    [InlineData(AccountKeyType.ES384)]
    [InlineData(AccountKeyType.RS256)]
    public async Task CreateAccountAsync_NewKey_ReturnsValidAccountWithLocation(AccountKeyType type)
    {
        using AccountKey key = AccountKey.Create(type);
        var client = new AcmeClient(pebble.Http, pebble.Directory, key);

        AcmeAccount account = await client.CreateAccountAsync(new NewAccountRequest { TermsOfServiceAgreed = true, Contact = ["mailto:a@certmesh.test"] });

        Assert.Equal("valid", account.Status);
        Assert.Equal(["mailto:a@certmesh.test"], account.Contact);
        Assert.Equal(account.Location, client.AccountUrl);
    }

    [Fact]
    public async Task FindAccountAsync_RegisteredKey_ReturnsSameAccount()
    {
        using AccountKey key = AccountKey.Create();
        AcmeAccount created = await new AcmeClient(pebble.Http, pebble.Directory, key)
            .CreateAccountAsync(new NewAccountRequest { TermsOfServiceAgreed = true });

        var fresh = new AcmeClient(pebble.Http, pebble.Directory, key);
        AcmeAccount? found = await fresh.FindAccountAsync();

        Assert.NotNull(found);
        Assert.Equal(created.Location, found.Location);
        Assert.Equal(created.Location, fresh.AccountUrl);
    }

    [Fact]
    public async Task FindAccountAsync_UnknownKey_ReturnsNull()
    {
        using AccountKey key = AccountKey.Create();

        Assert.Null(await new AcmeClient(pebble.Http, pebble.Directory, key).FindAccountAsync());
    }

    [Fact]
    public async Task CreateAccountAsync_ExistingKey_ReturnsTheExistingAccount()
    {
        using AccountKey key = AccountKey.Create();
        var client = new AcmeClient(pebble.Http, pebble.Directory, key);
        AcmeAccount first = await client.CreateAccountAsync(new NewAccountRequest { TermsOfServiceAgreed = true });

        AcmeAccount second = await client.CreateAccountAsync(new NewAccountRequest { TermsOfServiceAgreed = true });

        Assert.Equal(first.Location, second.Location);
    }

    [Fact]
    public async Task UpdateContactAsync_NewAddress_IsStored()
    {
        AcmeClient client = await pebble.NewAccountClientAsync();

        AcmeAccount updated = await client.UpdateContactAsync(["mailto:new@certmesh.test"]);

        Assert.Equal(["mailto:new@certmesh.test"], updated.Contact);
        Assert.Equal(["mailto:new@certmesh.test"], (await client.GetAccountAsync()).Contact);
    }

    [Fact]
    public async Task ChangeKeyAsync_NewKey_OldKeyNoLongerFindsTheAccount()
    {
        using AccountKey oldKey = AccountKey.Create(AccountKeyType.ES256);
        using AccountKey newKey = AccountKey.Create(AccountKeyType.ES384);
        var client = new AcmeClient(pebble.Http, pebble.Directory, oldKey);
        AcmeAccount account = await client.CreateAccountAsync(new NewAccountRequest { TermsOfServiceAgreed = true });

        await client.ChangeKeyAsync(newKey);

        Assert.Same(newKey, client.AccountKey);
        Assert.Null(await new AcmeClient(pebble.Http, pebble.Directory, oldKey).FindAccountAsync());
        Assert.Equal(account.Location, (await new AcmeClient(pebble.Http, pebble.Directory, newKey).FindAccountAsync())?.Location);
        // The rolled-over client keeps working with the new key.
        Assert.Equal("valid", (await client.GetAccountAsync()).Status);
    }

    [Fact]
    public async Task DeactivateAccountAsync_ThenNewOrder_IsRefusedAsUnauthorized()
    {
        AcmeClient client = await pebble.NewAccountClientAsync();

        AcmeAccount deactivated = await client.DeactivateAccountAsync();

        Assert.Equal("deactivated", deactivated.Status);
        var ex = await Assert.ThrowsAsync<AcmeProblemException>(() =>
            client.NewOrderAsync(new NewOrderRequest { Identifiers = [AcmeIdentifier.Dns(PebbleFixture.UniqueName("gone"))] }));
        Assert.Equal(AcmeProblemTypes.Unauthorized, ex.Type);
        Assert.False(string.IsNullOrEmpty(ex.Detail));
    }

    [Fact]
    public async Task GetDirectoryAsync_Pebble_HasNoRenewalInfoSoLookupFallsBackToNull()
    {
        AcmeClient client = await pebble.NewAccountClientAsync();

        Assert.Null((await client.GetDirectoryAsync()).RenewalInfo);
        Assert.Null(await client.GetRenewalInfoAsync("aYhba4dGQEHhs3uEe6CuLN4ByNQ.AIdlQyE"));
    }
}
