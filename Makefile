# `sam build` (BuildMethod: makefile in template.yaml) runs one of these targets in a copy of this folder, with
# ARTIFACTS_DIR set. All three functions ship the same shaded jar; Lambda's Java runtime puts lib/*.jar on the
# classpath. The tests are not run here: run scripts/test.sh before deploying.
JAR := functions/drift-auditor/target/drift-auditor.jar

build-ScheduledAuditFunction build-ChangeAuditFunction build-AdHocFunction:
	bash -c 'source scripts/java-env.sh && mvn -B -ntp -q -Dstyle.color=never -DskipTests -pl functions/drift-auditor -am clean package'
	mkdir -p "$(ARTIFACTS_DIR)/lib"
	cp $(JAR) "$(ARTIFACTS_DIR)/lib/"
