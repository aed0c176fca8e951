package student;

import org.backpropgrader.grader.junit.SelfCheck;

/**
 * Asks the grader's JUnit engine to check this project's classes: {@code mvn test} and your IDE then show one
 * container per exercise and one test per gradient, with the grader's status and hint as the failure message.
 */
@SelfCheck
class SelfCheckTest {}
