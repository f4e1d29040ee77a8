using CertMesh.Persistence.Database;
using MassTransit;
using MassTransit.Configuration;
using MassTransit.Saga;

namespace CertMesh.Persistence.Sagas;

public static class SagaRepositoryRegistration
{
    /// <summary>Stores this saga's instances in PostgreSQL: <c>AddSagaStateMachine&lt;…&gt;().PostgresRepository()</c>.</summary>
    public static ISagaRegistrationConfigurator<TSaga> PostgresRepository<TSaga>(this ISagaRegistrationConfigurator<TSaga> configurator)
        where TSaga : class, ISagaVersion
    {
        configurator.Repository(r => r.RegisterSagaRepository<TSaga, UnitOfWork, SagaConsumeContextFactory<UnitOfWork, TSaga>,
            PostgresSagaRepositoryContextFactory<TSaga>>());
        return configurator;
    }
}
