package ledger.projections.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import io.micronaut.data.annotation.Repository;
import io.micronaut.data.jdbc.operations.JdbcRepositoryOperations;
import io.micronaut.inject.BeanDefinition;
import ledger.projections.consent.ConsentHistoryRepository;
import ledger.projections.member.MemberViewRepository;

class MicronautRepositoriesOnlyTest extends ProjectionTest {

    @Autowired
    ApplicationContext spring;

    @Test
    void only_beans_with_the_repository_stereotype_pass_the_filter() {
        BeanDefinition<?> repository = mock(BeanDefinition.class);
        when(repository.hasStereotype(Repository.class)).thenReturn(true);
        BeanDefinition<?> other = mock(BeanDefinition.class);

        assertThat(new MicronautRepositoriesOnly().includes(repository)).isTrue();
        assertThat(new MicronautRepositoriesOnly().includes(other)).isFalse();
    }

    @Test
    void spring_sees_the_micronaut_repositories_and_no_other_micronaut_bean() {
        assertThat(spring.getBeansOfType(MemberViewRepository.class)).hasSize(1);
        assertThat(spring.getBeansOfType(ConsentHistoryRepository.class)).hasSize(1);
        assertThat(spring.getBeansOfType(JdbcRepositoryOperations.class)).isEmpty();
    }
}
