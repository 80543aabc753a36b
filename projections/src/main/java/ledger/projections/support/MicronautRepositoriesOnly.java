package ledger.projections.support;

import io.micronaut.data.annotation.Repository;
import io.micronaut.inject.BeanDefinition;
import io.micronaut.spring.boot.starter.MicronautBeanFilter;

/**
 * Exposes only Micronaut Data repositories as Spring beans. Public with a public constructor:
 * a filter Micronaut cannot instantiate is silently dropped and then every bean is exposed.
 */
public final class MicronautRepositoriesOnly implements MicronautBeanFilter {

    public MicronautRepositoriesOnly() {
        // instantiated reflectively by the starter
    }

    @Override
    public boolean includes(BeanDefinition<?> definition) {
        return definition.hasStereotype(Repository.class);
    }
}
