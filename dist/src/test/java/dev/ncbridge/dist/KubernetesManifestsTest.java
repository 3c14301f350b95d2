package dev.ncbridge.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBuilder;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.ncbridge.app.testing.Repo;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * deploy/kubernetes read strictly into the Kubernetes API types of fabric8's kubernetes-model: a
 * misspelt or misplaced field, which the API server would reject (or, worse, drop), fails here.
 */
class KubernetesManifestsTest {
    private static final Path DIR = Repo.file("deploy/kubernetes");
    /** The API types of the kinds the manifests use, by apiVersion and kind. */
    private static final Map<String, Class<? extends HasMetadata>> TYPES = Map.of(
            "v1/ConfigMap", ConfigMap.class,
            "v1/Service", Service.class,
            "apps/v1/DaemonSet", DaemonSet.class,
            "apps/v1/Deployment", Deployment.class,
            "policy/v1/PodDisruptionBudget", PodDisruptionBudget.class);
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper STRICT = strict();

    /**
     * fabric8's types keep unknown fields in an "additionalProperties" map (an any-setter), so Jackson's
     * FAIL_ON_UNKNOWN_PROPERTIES alone refuses nothing: dropping the any-setters makes it refuse them.
     */
    private static ObjectMapper strict() {
        SimpleModule noAnySetters = new SimpleModule("no-any-setters");
        noAnySetters.setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public BeanDeserializerBuilder updateBuilder(DeserializationConfig config, BeanDescription bean,
                                                         BeanDeserializerBuilder builder) {
                builder.setAnySetter(null);
                return builder;
            }
        });
        return new ObjectMapper(new YAMLFactory()).registerModule(noAnySetters)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    private static List<JsonNode> documents(Path file) throws IOException {
        List<JsonNode> all = new ArrayList<>();
        try (var parser = YAML.getFactory().createParser(file.toFile())) {
            YAML.readValues(parser, JsonNode.class).forEachRemaining(doc -> {
                if (doc != null && !doc.isNull() && !doc.isMissingNode()) {
                    all.add(doc);
                }
            });
        }
        return all;
    }

    private static HasMetadata typed(JsonNode document) throws IOException {
        String type = document.path("apiVersion").asText() + "/" + document.path("kind").asText();
        assertThat(TYPES).as("a kind this test knows").containsKey(type);
        return STRICT.treeToValue(document, TYPES.get(type));
    }

    /** Every object in the manifests (kustomization.yaml is kustomize's, not an object). */
    private static List<HasMetadata> objects() throws IOException {
        List<HasMetadata> all = new ArrayList<>();
        try (Stream<Path> files = Files.list(DIR)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".yaml"))
                    .filter(p -> !p.getFileName().toString().equals("kustomization.yaml")).sorted().toList()) {
                for (JsonNode document : documents(file)) {
                    all.add(typed(document));
                }
            }
        }
        return all;
    }

    private static <T> List<T> ofType(Class<T> type) throws IOException {
        return objects().stream().filter(type::isInstance).map(type::cast).toList();
    }

    private static List<PodTemplateSpec> podTemplates() throws IOException {
        List<PodTemplateSpec> templates = new ArrayList<>();
        ofType(DaemonSet.class).forEach(d -> templates.add(d.getSpec().getTemplate()));
        ofType(Deployment.class).forEach(d -> templates.add(d.getSpec().getTemplate()));
        return templates;
    }

    private static List<Container> ncbridgeContainers() throws IOException {
        return podTemplates().stream().flatMap(t -> t.getSpec().getContainers().stream())
                .filter(c -> c.getName().equals("ncbridge")).toList();
    }

    @Test
    void everyManifestReadsStrictlyIntoItsKubernetesType() throws IOException {
        List<HasMetadata> objects = objects();

        assertThat(objects).extracting(HasMetadata::getKind)
                .contains("ConfigMap", "DaemonSet", "Deployment", "Service", "PodDisruptionBudget");
        assertThat(objects).allSatisfy(o -> assertThat(o.getMetadata().getName()).isNotBlank());
    }

    @Test
    void theStrictReaderRefusesAFieldTheApiDoesNotHave() throws IOException {
        JsonNode deployment = documents(DIR.resolve("sidecar.yaml")).get(0);
        ((com.fasterxml.jackson.databind.node.ObjectNode) deployment.at("/spec/template/spec/containers/0"))
                .put("imagePullPolicyy", "Always");

        assertThatThrownBy(() -> typed(deployment)).isInstanceOf(UnrecognizedPropertyException.class)
                .hasMessageContaining("imagePullPolicyy");
    }

    @Test
    void theKustomizationAppliesFilesThatExistAndSetsTheImageTheWorkloadsName() throws IOException {
        JsonNode kustomization = documents(DIR.resolve("kustomization.yaml")).get(0);
        List<String> resources = new ArrayList<>();
        kustomization.path("resources").forEach(r -> resources.add(r.asText()));

        assertThat(resources).contains("configmap.yaml", "daemonset.yaml", "pdb.yaml")
                .allSatisfy(r -> assertThat(DIR.resolve(r)).isRegularFile());
        JsonNode image = kustomization.path("images").get(0);
        assertThat(image.path("newName").asText()).isNotBlank();
        assertThat(image.path("newTag").asText()).isNotBlank();
        assertThat(ncbridgeContainers()).isNotEmpty()
                .allSatisfy(c -> assertThat(c.getImage()).isEqualTo(image.path("name").asText()));
    }

    @Test
    void thePodDisruptionBudgetCoversTheDaemonSetsPods() throws IOException {
        PodDisruptionBudget pdb = ofType(PodDisruptionBudget.class).get(0);
        DaemonSet daemonSet = ofType(DaemonSet.class).get(0);

        assertThat(daemonSet.getSpec().getTemplate().getMetadata().getLabels())
                .containsAllEntriesOf(pdb.getSpec().getSelector().getMatchLabels());
        assertThat(pdb.getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
    }

    @Test
    void memoryRequestsAndLimitsFitTheHeapOfTheJvmOptions() throws IOException {
        Matcher xmx = Pattern.compile("(?m)^-Xmx(\\d+)m$").matcher(Files.readString(Repo.file("deploy/jvm.options")));
        assertThat(xmx.find()).as("-Xmx in deploy/jvm.options").isTrue();
        BigDecimal heap = BigDecimal.valueOf(Long.parseLong(xmx.group(1)) * 1024 * 1024);

        for (Container c : ncbridgeContainers()) {
            BigDecimal request = Quantity.getAmountInBytes(c.getResources().getRequests().get("memory"));
            BigDecimal limit = Quantity.getAmountInBytes(c.getResources().getLimits().get("memory"));
            assertThat(request).as("request: the heap and half again for the rest of the process")
                    .isGreaterThanOrEqualTo(heap.multiply(BigDecimal.valueOf(1.5)));
            assertThat(limit).as("limit above the request").isGreaterThan(request);
            assertThat(limit).as("limit: not so far above that the heap is a small part of it")
                    .isLessThanOrEqualTo(heap.multiply(BigDecimal.valueOf(3)));
        }
    }
}
