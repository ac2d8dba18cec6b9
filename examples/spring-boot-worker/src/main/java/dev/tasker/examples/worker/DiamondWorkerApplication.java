package dev.tasker.examples.worker;

import dev.tasker.examples.worker.DiamondWorkflow.StepMessage;
import dev.tasker.spring.boot.QueueConsumer;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** A worker for the diamond workflow: one consumer bean runs each step and sends the steps it unblocks. */
@SpringBootApplication
public class DiamondWorkerApplication {

    public static void main(String[] args) {
        SpringApplication.run(DiamondWorkerApplication.class, args);
    }

    @Bean
    QueueConsumer<StepMessage> steps(DiamondWorkflow workflow) {
        return QueueConsumer.of(DiamondWorkflow.QUEUE, StepMessage.class, message -> workflow.run(message.payload()));
    }
}
