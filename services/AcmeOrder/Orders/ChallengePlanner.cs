using CertMesh.Acme.Orders;
using CertMesh.AcmeOrder.Accounts;
using CertMesh.Contracts.Acme;
using CertMesh.Domain.Acme;
using CertMesh.Domain.Resources;

namespace CertMesh.AcmeOrder.Orders;

/// <summary>What one proof per pending authorization takes: the order's view of each and the SolveChallenge for it.</summary>
internal sealed record ChallengePlan(IReadOnlyList<OrderAuthorization> Authorizations, IReadOnlyList<SolveChallenge> Challenges, string? Failure);

/// <summary>
/// Turns the CA's authorizations into challenges: a valid one (reused by the CA) needs nothing; a pending one gets
/// the solver cert-manager's rules select and the account's answer (key authorization or DNS-01 TXT value); anything else cannot succeed.
/// </summary>
internal static class ChallengePlanner
{
    public const string NoSolverMessage =
        "Failed to determine a valid solver configuration for the set of domains on the Order: no configured challenge solvers can be used for this challenge";

    public static ChallengePlan Plan(Order order, IReadOnlyList<AcmeAuthorization> authorizations, IssuerAccount account)
    {
        var states = new List<OrderAuthorization>();
        var challenges = new List<SolveChallenge>();
        string? failure = null;
        foreach (var authorization in authorizations)
        {
            var state = new OrderAuthorization
            {
                Url = authorization.Location.AbsoluteUri,
                Identifier = authorization.Identifier.Value,
                Wildcard = authorization.Wildcard,
                InitialState = authorization.Status,
                State = authorization.Status,
                Challenges = authorization.Challenges
                    .Select(c => new OrderChallenge { Url = c.Url.AbsoluteUri, Type = c.Type, Token = c.Token })
                    .ToList(),
            };
            if (authorization.Status == AcmeStatus.Valid)
            {
                states.Add(state);
                continue;
            }
            if (authorization.Status != AcmeStatus.Pending)
            {
                failure ??= $"Failed to create Order: the authorization for \"{state.Identifier}\" is {authorization.Status}";
                states.Add(state);
                continue;
            }
            var offered = authorization.Challenges.Select(c => c.Type).ToHashSet(StringComparer.Ordinal);
            if (SolverSelector.Select(account.Config.Solvers, state.Identifier, state.Wildcard, offered, order.Metadata.Labels) is not { } solver)
            {
                failure ??= NoSolverMessage;
                states.Add(state);
                continue;
            }
            var challenge = authorization.Challenge(solver.Type!)!;
            var name = AcmeNames.Challenge(order.Metadata.Name, state.Url, challenge.Type, state.Identifier, state.Wildcard, challenge.Token);
            states.Add(state with { ChallengeName = name });
            challenges.Add(new SolveChallenge
            {
                OrderId = order.Metadata.Uid,
                Namespace = order.Metadata.Namespace,
                OrderName = order.Metadata.Name,
                CertificateName = order.Spec.CertificateName,
                ChallengeName = name,
                IssuerRef = order.Spec.IssuerRef,
                DnsName = state.Identifier,
                Wildcard = state.Wildcard,
                Type = challenge.Type,
                Token = challenge.Token,
                // cert-manager's Challenge.spec.key: the key authorization for HTTP-01, the TXT value for DNS-01.
                Key = challenge.Type == SolverTypes.Dns01 ? account.Client.Dns01TxtValueFor(challenge) : account.Client.KeyAuthorizationFor(challenge),
                ChallengeUrl = challenge.Url.AbsoluteUri,
                AuthorizationUrl = state.Url,
                SolverJson = solver.Json,
                AcmeServer = account.Config.Server.AbsoluteUri,
                AccountUrl = account.AccountUrl.AbsoluteUri,
                AccountKeySecretNamespace = account.KeySecretNamespace,
                AccountKeySecretName = account.KeySecretName,
            });
        }
        return new ChallengePlan(states, challenges, failure);
    }
}
