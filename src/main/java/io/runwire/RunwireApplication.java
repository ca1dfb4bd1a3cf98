package io.runwire;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class RunwireApplication {
    public static void main(String[] args) {
        SpringApplication.run(RunwireApplication.class, args);
    }
}
