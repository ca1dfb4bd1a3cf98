package io.runwire.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The validators of the published specs can fail: a broken payload is refused, a sound one accepted. */
class PublishedSpecsTest {

    @Test
    void jiraIssueUpdateDetailsRefusesAFieldsValueThatIsNoObjectAndABrokenProperty() {
        String sound = "{\"fields\": {\"project\": {\"key\": \"OPS\"}, \"summary\": \"x\"}}";
        String fieldsAsText = "{\"fields\": \"summary=x\"}";
        String badProperty = "{\"fields\": {}, \"properties\": [{\"key\": 7}], \"update\": {\"labels\": {\"add\": \"x\"}}}";

        assertThat(PublishedSpecs.jiraProblems("IssueUpdateDetails", sound)).isEmpty();
        assertThat(PublishedSpecs.jiraProblems("IssueUpdateDetails", fieldsAsText)).isNotEmpty()
                .anySatisfy(problem -> assertThat(problem).contains("fields"));
        assertThat(PublishedSpecs.jiraProblems("IssueUpdateDetails", badProperty)).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void jiraSearchRequestRefusesAFieldTheSpecDoesNotHave() {
        assertThat(PublishedSpecs.jiraProblems("SearchAndReconcileRequestBean",
                "{\"jql\": \"labels = x\", \"maxResults\": 1}")).isEmpty();
        assertThat(PublishedSpecs.jiraProblems("SearchAndReconcileRequestBean",
                "{\"jql\": \"labels = x\", \"startAt\": 0, \"maxResults\": \"one\"}")).hasSize(2);
    }

    @Test
    void linearRefusesAnUnknownFieldAMissingInputAndAVariableOfTheWrongType() {
        String mutation = "mutation M($input: IssueCreateInput!) { issueCreate(input: $input) { success issue { id identifier url } } }";
        String sound = request(mutation, "{\"input\": {\"teamId\": \"t\", \"title\": \"x\", \"priority\": 2}}");
        String unknownField = request(mutation.replace("identifier", "key"), "{\"input\": {\"teamId\": \"t\"}}");
        String wrongType = request(mutation, "{\"input\": {\"teamId\": \"t\", \"priority\": \"high\"}}");
        String noTeam = request(mutation, "{\"input\": {\"title\": \"x\"}}");
        String unknownInput = request(mutation, "{\"input\": {\"teamId\": \"t\", \"labels\": [\"bug\"]}}");

        assertThat(PublishedSpecs.linearProblems(sound)).isEmpty();
        assertThat(PublishedSpecs.linearProblems(unknownField)).singleElement().asString().contains("key");
        assertThat(PublishedSpecs.linearProblems(wrongType)).singleElement().asString().startsWith("variables:");
        assertThat(PublishedSpecs.linearProblems(noTeam)).singleElement().asString().contains("teamId");
        assertThat(PublishedSpecs.linearProblems(unknownInput)).singleElement().asString().contains("labels");
    }

    private static String request(String query, String variables) {
        return "{\"query\": \"" + query.replace("\"", "\\\"") + "\", \"variables\": " + variables + "}";
    }
}
